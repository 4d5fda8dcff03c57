package dev.tokenportal.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.PendingTarget;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list over real HTTP on real PostgreSQL, with more rows than a page: a page never
 * holds more than 50, following the next-page links shows each row exactly once even when
 * rows share their sort key, the filters narrow the list in SQL and stay in the links,
 * and the header's count is right beyond a page. The rows are written straight into the
 * database under a marker no other test uses, and removed afterwards.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class BoundedListsIntegrationTests {

	private static final int PAGE = 50;

	private static final Pattern NEXT = Pattern.compile("<a[^>]*rel=\"next\"[^>]*href=\"([^\"]*)\"");

	private static final Pattern COUNT = Pattern.compile("id=\"approvals-count\">(\\d+)<");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CacheManager caches;

	@Autowired
	TokenRequestService requests;

	String marker;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.marker = "zl" + UUID.randomUUID().toString().substring(0, 6);
	}

	@AfterEach
	void removeRows() {
		this.jdbc.update("DELETE FROM token_request WHERE short_id LIKE ?", this.marker + "%");
	}

	@Test
	void myRequestsShowFiftyAPageAndEachRowOnceAcrossPagesWithTiedTimes() {
		List<String> ids = insert(60, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "PENDING_APPROVAL", this.marker + "/svc",
				3);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);

		String first = alice.get("/requests?target=" + this.marker).body();

		assertThat(rows(first, "data-id=\"")).hasSize(PAGE);
		String next = next(first);
		assertThat(next).as("the next page keeps the filter").contains("target=" + this.marker).contains("after=");
		String second = alice.get(next).body();
		assertThat(second).contains("rel=\"first\"");
		assertThat(next(second)).as("the last page").isNull();
		List<String> seen = new ArrayList<>(rows(first, "data-id=\""));
		seen.addAll(rows(second, "data-id=\""));
		assertThat(seen).as("every request once").containsExactlyInAnyOrderElementsOf(ids);
		assertThat(moments(seen, ids, 3)).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
	}

	@Test
	void myRequestsFilterByStatusTargetAndText() {
		insert(3, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "PENDING_APPROVAL", this.marker + "/one", 1);
		List<String> approved = insert(2, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "APPROVED", this.marker + "/two", 1);
		this.jdbc.update("UPDATE token_request SET justification = 'rebuilds the Nightly_cache' WHERE id = ?::uuid",
				approved.get(0));
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);

		assertThat(rows(alice.get("/requests?status=APPROVED&target=" + this.marker).body(), "data-id=\""))
			.containsExactlyInAnyOrderElementsOf(approved);
		assertThat(rows(alice.get("/requests?target=" + this.marker.toUpperCase() + "/ONE").body(), "data-id=\""))
			.hasSize(3);
		assertThat(rows(alice.get("/requests?target=" + this.marker + "&q=nightly_CACHE").body(), "data-id=\""))
			.containsExactly(approved.get(0));
		// a LIKE wildcard is a character to look for
		assertThat(alice.get("/requests?target=" + this.marker + "&q=%25").body()).contains("id=\"requests-empty\"",
				"Nothing matches these filters.");
		assertThat(rows(
				IssuanceTestSupport.signedIn(this.port, SandboxSeed.BOB).get("/requests?target=" + this.marker).body(),
				"data-id=\""))
			.as("nobody else's")
			.isEmpty();
	}

	@Test
	void myTokensArePagedAndFilteredByState() {
		List<String> issued = insert(55, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "ISSUED", this.marker + "/svc", 5);
		insert(2, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "REVOKED", this.marker + "/svc", 1);
		insert(4, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "APPROVED", this.marker + "/svc", 1);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);

		String first = alice.get("/tokens?state=active&target=" + this.marker).body();
		assertThat(rows(first, "data-request=\"")).hasSize(PAGE);
		String second = alice.get(next(first)).body();
		List<String> seen = new ArrayList<>(rows(first, "data-request=\""));
		seen.addAll(rows(second, "data-request=\""));
		assertThat(seen).containsExactlyInAnyOrderElementsOf(issued);
		assertThat(moments(seen, issued, 5)).isSortedAccordingTo(Comparator.reverseOrder());
		assertThat(next(second)).isNull();
		assertThat(rows(alice.get("/tokens?state=revoked&target=" + this.marker).body(), "data-request=\"")).hasSize(2);
		assertThat(rows(alice.get("/tokens?target=" + this.marker).body(), "data-request=\"")).as("issued once: 57")
			.hasSize(PAGE);
	}

	@Test
	void theApprovalQueueIsPagedOldestFirstAndTheCountIsRightBeyondAPage() {
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, SandboxSeed.CAROL);
		int before = count(carol.get("/tokens").body());
		List<String> pending = insert(60, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "PENDING_APPROVAL", SandboxSeed.API,
				4);
		// the sandbox's Owners own platform/backend/api; pending elsewhere is not theirs
		insert(3, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "PENDING_APPROVAL", this.marker + "/not-owned", 1);
		// rows written behind the portal's back, as another instance's would be: the
		// header's remembered count is forgotten here rather than after its 20 s
		this.caches.getCache("approvals-waiting-count").clear();

		String first = carol.get("/approvals?q=" + this.marker).body();

		assertThat(rows(first, "data-request-id=\"")).hasSize(PAGE);
		assertThat(next(first)).contains("q=" + this.marker);
		String second = carol.get(next(first)).body();
		List<String> seen = new ArrayList<>(rows(first, "data-request-id=\""));
		seen.addAll(rows(second, "data-request-id=\""));
		assertThat(seen).as("every request once").containsExactlyInAnyOrderElementsOf(pending);
		assertThat(moments(seen, pending, 4)).as("oldest first").isSorted();
		assertThat(next(second)).isNull();
		assertThat(count(first)).as("the header counts all that wait, not a page").isEqualTo(before + 60);
		assertThat(rows(
				IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE).get("/approvals?q=" + this.marker).body(),
				"data-request-id=\""))
			.as("never one's own")
			.isEmpty();
	}

	@Test
	void theTargetsToAskGitLabAboutAreThoseWithSomeoneElsesPendingRequests() {
		insert(2, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "PENDING_APPROVAL", this.marker + "/waiting", 1);
		insert(1, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "APPROVED", this.marker + "/decided", 1);

		PendingTarget waiting = new PendingTarget(GitLabResource.PROJECT, 999_999L, this.marker + "/waiting");
		assertThat(this.requests.pendingTargets(SandboxSeed.CAROL_ID, 10_000)).contains(waiting)
			.doesNotHaveDuplicates()
			.noneMatch((target) -> target.path().equals(this.marker + "/decided"));
		assertThat(this.requests.pendingTargets(SandboxSeed.ALICE_ID, 10_000)).as("not one's own")
			.doesNotContain(waiting);
	}

	@Test
	void theInventoryIsPagedByKeysetKeepingItsFilters() {
		List<String> issued = insert(52, SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "ISSUED", this.marker + "/svc", 2);
		PortalHttp dave = IssuanceTestSupport.signedIn(this.port, SandboxSeed.DAVE);

		String first = dave.get("/inventory?state=active&target=" + this.marker).body();
		assertThat(rows(first, "id=\"inventory-" + this.marker)).hasSize(PAGE);
		String next = next(first);
		assertThat(next).contains("state=active", "target=" + this.marker, "after=");
		String second = dave.get(next).body();
		assertThat(rows(second, "id=\"inventory-" + this.marker)).hasSize(2);
		assertThat(next(second)).isNull();
		assertThat(issued).hasSize(52);
	}

	/**
	 * Inserts requests, {@code tied} at a time sharing their creation (and issue) moment,
	 * oldest first.
	 * @return their ids, oldest first
	 */
	private List<String> insert(int howMany, long requesterId, String requester, String status, String targetPath,
			int tied) {
		Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		int offset = this.jdbc.queryForObject("SELECT count(*) FROM token_request WHERE short_id LIKE ?", Integer.class,
				this.marker + "%");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < howMany; i++) {
			// ids in random order, so that ties are broken by id, not by insertion
			UUID id = UUID.randomUUID();
			Timestamp at = Timestamp.from(base.plusSeconds(offset + i / tied));
			boolean issued = !"PENDING_APPROVAL".equals(status) && !"APPROVED".equals(status);
			this.jdbc.update("""
					INSERT INTO token_request (id, short_id, requester_id, requester_username, target_type, target_id,
					  target_path, token_name, scopes, access_level, expires_on, justification, tier, policy_rule,
					  policy_reason, policy_version, required_approvals, status, created_at, updated_at,
					  issued_at, gitlab_token_id, approval_clock_from)
					VALUES (?, ?, ?, ?, 'PROJECT', ?, ?, ?, 'read_api', 20, ?, ?, 'STANDARD', 'standard.default',
					  'the token can write', 1, 1, ?, ?, ?, ?, ?, ?)""", id,
					this.marker + String.format("%04d", offset + i), requesterId, requester,
					SandboxSeed.API.equals(targetPath) ? SandboxSeed.API_ID : 999_999L, targetPath,
					this.marker + "-token-" + i, LocalDate.now().plusDays(60), "paging " + this.marker, status, at, at,
					issued ? at : null, issued ? 900_000L + i : null, "APPROVED".equals(status) ? at : null);
			ids.add(id.toString());
		}
		return ids;
	}

	/**
	 * The moment each row shown was inserted with, by its place in the insertion order
	 * ({@link #insert}: {@code tied} rows per moment).
	 */
	private static List<Integer> moments(List<String> shown, List<String> inserted, int tied) {
		return shown.stream().map((id) -> inserted.indexOf(id) / tied).toList();
	}

	private static List<String> rows(String html, String attribute) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile(Pattern.quote(attribute) + "([^\"]+)\"").matcher(html);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		Set<String> distinct = new HashSet<>(found);
		assertThat(distinct).as("no row twice on a page").hasSameSizeAs(found);
		return found;
	}

	private static String next(String html) {
		Matcher matcher = NEXT.matcher(html);
		return matcher.find() ? matcher.group(1).replace("&amp;", "&") : null;
	}

	private static int count(String html) {
		Matcher matcher = COUNT.matcher(html);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

}
