package dev.tokenportal.approvals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What waits for an Owner's decision, in the portal itself: the number on the header's
 * <em>Approvals</em> link on every page, and "Waiting for you" first on their home page.
 * Other tests share the database, so counts are compared with the count before.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class WaitingForYouIntegrationTests {

	private static final Pattern COUNT = Pattern.compile("id=\"approvals-count\">(\\d+)<");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	ApprovalFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anOwnerSeesTheCountAndTheRequestFirstOnTheirHomePageUntilTheyDecide() {
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		int before = count(carol.get("/requests").body());
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		String home = carol.get("/").body();

		assertThat(count(home)).isEqualTo(before + 1);
		assertThat(home).contains("<span class=\"sr-only\"> waiting for you</span>");
		assertThat(waitingItem(home, request)).contains("ci-deploy", "on project platform/backend/api", "by @alice",
				"standard", "waiting for less than an hour", "href=\"/requests/" + request.getId() + "\"");
		assertThat(home.indexOf("id=\"waiting-for-you\"")).as("first on the page")
			.isNotNegative()
			.isLessThan(home.indexOf("id=\"profile\""));
		assertThat(count(carol.get("/tokens").body())).as("on every page").isEqualTo(before + 1);

		assertThat(IssuanceTestSupport.post(carol, request.getId(), "approve").status()).isEqualTo(302);

		String after = carol.get("/").body();
		assertThat(count(after)).isEqualTo(before);
		assertThat(after).doesNotContain("id=\"waiting-" + request.getShortId() + "\"");
	}

	@Test
	void whatAnOwnerApprovedNoLongerWaitsForThemButStillForTheNextOwner() {
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		PortalHttp bob = IssuanceTestSupport.signedIn(this.port, "bob");
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		int carols = count(carol.get("/").body());
		int bobs = count(bob.get("/").body());

		assertThat(IssuanceTestSupport.post(carol, request.getId(), "approve").status()).isEqualTo(302);

		String carolsHome = carol.get("/").body();
		assertThat(count(carolsHome)).isEqualTo(carols - 1);
		assertThat(carolsHome).doesNotContain("id=\"waiting-" + request.getShortId() + "\"");
		String bobsHome = bob.get("/").body();
		assertThat(count(bobsHome)).isEqualTo(bobs);
		assertThat(waitingItem(bobsHome, request)).contains("high", "by @alice");
	}

	@Test
	void someoneWhoOwnsNothingSeesNoCountAndNoSection() {
		this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp mallory = IssuanceTestSupport.signedIn(this.port, "mallory");

		String home = mallory.get("/").body();

		assertThat(home).contains("id=\"nav-approvals\"")
			.doesNotContain("approvals-count", "waiting for you", "id=\"waiting-for-you\"");
	}

	@Test
	void theRequestersOwnRequestDoesNotWaitForThem() {
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		int before = count(alice.get("/").body());

		TokenRequest own = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		String home = alice.get("/").body();
		assertThat(count(home)).isEqualTo(before);
		assertThat(home).doesNotContain("id=\"waiting-" + own.getShortId() + "\"");
	}

	@Test
	void pageViewsWithinAMinuteAskGitLabAboutTheWaitingTargetOnceUntilTheOwnerActs() {
		// two approvals: still pending after carol's
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		this.sandbox.faults().clearCalls();

		carol.get("/requests");
		carol.get("/tokens");
		carol.get("/");
		assertThat(ownershipLookups()).as("three pages within a minute").isEqualTo(1);
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/groups")).as("what carol owns is not listed")
			.filteredOn((call) -> String.valueOf(call.query()).contains("min_access_level=50"))
			.isEmpty();

		assertThat(IssuanceTestSupport.post(carol, request.getId(), "approve").status()).isEqualTo(302);
		long afterDecision = ownershipLookups();
		carol.get("/requests");
		assertThat(ownershipLookups()).as("after her own decision, the next page asks again")
			.isEqualTo(afterDecision + 1);
	}

	@Test
	void theCountIsRememberedBetweenPagesAndTakenAgainOnceARequestChanges() {
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		TokenRequest first = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		int shown = count(carol.get("/tokens").body());
		// a change the portal did not make, so nothing tells the count: it stays
		// remembered
		this.jdbc.update("UPDATE token_request SET status = 'CANCELLED' WHERE id = ?", first.getId());

		assertThat(count(carol.get("/tokens").body())).as("the next page counts nothing again").isEqualTo(shown);

		this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		assertThat(count(carol.get("/tokens").body())).as("submitted requests are counted at once")
			.isEqualTo(shown - 1 + 2);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE listener_id LIKE '%AwaitingDecisions%'", Long.class))
			.as("forgetting counts is no event publication, completed on a second connection")
			.isZero();
	}

	@Test
	void noCountIsTakenForAnswersThatAreNotPages() {
		this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		this.sandbox.faults().clearCalls();

		assertThat(carol.get("/requests/preview?target=project:" + SandboxSeed.API_ID).status()).isEqualTo(200);
		assertThat(carol.get("/css/portal.css").status()).isEqualTo(200);

		assertThat(ownershipLookups()).isZero();
	}

	// carol's membership of the waiting request's project
	private long ownershipLookups() {
		return this.sandbox.faults()
			.calls("GET", "/api/v4/projects/" + SandboxSeed.API_ID + "/members/all/" + SandboxSeed.CAROL_ID)
			.size();
	}

	private static int count(String html) {
		Matcher matcher = COUNT.matcher(html);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	private static String waitingItem(String html, TokenRequest request) {
		int start = html.indexOf("id=\"waiting-" + request.getShortId() + "\"");
		assertThat(start).as("%s waits on the home page", request.getShortId()).isNotNegative();
		return html.substring(start, html.indexOf("</li>", start));
	}

}
