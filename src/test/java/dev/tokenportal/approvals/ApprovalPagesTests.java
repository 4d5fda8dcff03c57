package dev.tokenportal.approvals;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static dev.tokenportal.approvals.ApprovalFixtures.BOB;
import static dev.tokenportal.approvals.ApprovalFixtures.CAROL;
import static dev.tokenportal.approvals.ApprovalFixtures.ERIN;
import static dev.tokenportal.approvals.ApprovalFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The approval queue and the approve and reject buttons over real HTTP, signed in through
 * the GitLab sandbox: who sees what, what a press records, and what a refused press
 * leaves behind (nothing but an audit event, and no GitLab write). A press without the
 * CSRF token or a reject without a reason never reaches the service:
 * {@link ApprovalControllerTests}.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ApprovalPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	ApprovalService approvals;

	@Autowired
	JdbcTemplate jdbc;

	ApprovalFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
	}

	@Test
	void ownersSeeThePendingRequestsOnWhatTheyOwnButNotTheirOwn() {
		TokenRequest byAlice = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		TokenRequest byBob = this.fixtures.standard(BOB, SandboxSeed.API_ID);
		TokenRequest byErin = this.fixtures.standard(ERIN, SandboxSeed.WEB_ID);
		TokenRequest onGroup = this.fixtures.highOnGroup(ALICE, SandboxSeed.PLATFORM_BACKEND_ID);

		String carols = signIn("carol").get("/approvals").body();
		assertThat(carols).contains(itemId(byAlice), itemId(byBob), itemId(onGroup)).doesNotContain(itemId(byErin));
		assertThat(item(carols, onGroup)).contains("on group platform/backend");

		String bobs = signIn("bob").get("/approvals").body();
		assertThat(bobs).contains(itemId(byAlice), itemId(byErin), itemId(onGroup)).doesNotContain(itemId(byBob));
	}

	@Test
	void theQueueShowsWhatAnOwnerNeedsToDecideAtAGlance() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		String item = item(signIn("carol").get("/approvals").body(), request);

		assertThat(item).contains("ci-deploy", "on project platform/backend/api", "@alice", "api", "Developer",
				request.getExpiresOn().toString(), "standard", "the token can write", "0 of 1 approvals",
				"Deploys the service from CI", "/requests/" + request.getId() + "/approve",
				"/requests/" + request.getId() + "/reject", "name=\"reason\"");
	}

	@Test
	void whoOwnsNothingSeesAnEmptyQueue() {
		this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		for (String username : new String[] { "alice", "mallory" }) {
			String page = signIn(username).get("/approvals").body();
			assertThat(page).contains("Nothing is waiting for your approval.").doesNotContain("approval-queue");
		}
	}

	@Test
	void aHighRequestShowsItsApprovalsAndWhoAlreadyApproved() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		approve(carol, request);

		String carolsItem = item(carol.get("/approvals").body(), request);
		assertThat(carolsItem).contains("1 of 2 approvals", "You approved this request").doesNotContain("/approve\"");
		String bobsItem = item(signIn("bob").get("/approvals").body(), request);
		assertThat(bobsItem).contains("1 of 2 approvals", "high", "/requests/" + request.getId() + "/approve")
			.doesNotContain("You approved");
	}

	@Test
	void approvingRedirectsToTheRequestAndRecordsTheDecision() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");

		PortalHttp.Response response = approve(carol, request);

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/requests/" + request.getId());
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("actor_username", "carol")
				.containsKey("client_ip")
				.extractingByKey("correlation_id")
				.isNotNull());
		assertThat(carol.get("/approvals").body()).doesNotContain(itemId(request));
	}

	@Test
	void anOwnerRemovedInGitLabBetweenPageAndPressNoLongerSeesTheRequest() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		String page = carol.get("/approvals").body();
		assertThat(page).contains(itemId(request));
		this.sandbox.state().removeMember(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.CAROL);
		this.sandbox.faults().clearCalls();
		long denialsBefore = denials("carol");

		PortalHttp.Response response = carol.post("/requests/" + request.getId() + "/approve",
				Map.of("_csrf", PortalHttp.csrfToken(page)));

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(SandboxSeed.API);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).isEmpty();
		assertThat(denials("carol")).isEqualTo(denialsBefore + 1);
		assertNoGitLabWrite();
	}

	@Test
	void aNonOwnersPressIsNotFoundLikeViewingAndLeavesOneDenial() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp mallory = signIn("mallory");
		String page = mallory.get("/approvals").body();
		this.sandbox.faults().clearCalls();
		long denialsBefore = denials("mallory");

		PortalHttp.Response response = mallory.post("/requests/" + request.getId() + "/approve",
				Map.of("_csrf", PortalHttp.csrfToken(page)));

		assertThat(response.status()).isEqualTo(404);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).isEmpty();
		assertThat(denials("mallory")).isEqualTo(denialsBefore + 1);
		assertNoGitLabWrite();
	}

	@Test
	void everyButtonOnARequestYouMayNotSeeAnswersTheSameNotFoundAsViewingIt() {
		// bob's request on platform/backend/api: alice is only a Developer there, mallory
		// not even a member
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		// the Owners hear of it on another thread, which asks GitLab who they are: not
		// the calls counted below
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from event_publication where completion_date is null and serialized_event like ?",
					Long.class, "%" + request.getId() + "%") == 0);
		for (String username : new String[] { "mallory", "alice" }) {
			PortalHttp http = signIn(username);
			String csrf = PortalHttp.csrfToken(http.get("/").body());
			this.sandbox.faults().clearCalls();
			long denialsBefore = denials(username);
			PortalHttp.Response viewed = http.get(path);
			int viewCalls = this.sandbox.faults().calls().size();
			assertThat(viewed.status()).isEqualTo(404);
			assertThat(denials(username)).isEqualTo(denialsBefore + 1);

			for (String action : new String[] { "approve", "reject", "cancel", "create", "not-received", "rotate",
					"revoke" }) {
				this.sandbox.faults().clearCalls();
				long before = denials(username);

				PortalHttp.Response pressed = http.post(path + "/" + action,
						Map.of("_csrf", csrf, "reason", "Looks wrong to me."));

				assertThat(pressed.status()).as("%s presses %s", username, action).isEqualTo(404);
				assertThat(pressed.body()).as("%s presses %s", username, action)
					.contains("There is nothing here", "you may not see it")
					.doesNotContain(SandboxSeed.API, "platform/", "ending", "waiting", "PENDING")
					.satisfies((body) -> assertThat(withoutPerResponseValues(body))
						.isEqualTo(withoutPerResponseValues(viewed.body())));
				assertThat(denials(username)).as("%s presses %s", username, action).isEqualTo(before + 1);
				assertThat(this.sandbox.faults().calls()).as("%s presses %s: GitLab calls", username, action)
					.hasSizeLessThanOrEqualTo(viewCalls);
			}
		}
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).isEmpty();
		assertNoGitLabWrite();
	}

	@Test
	void aGitLabFailureDuringTheEligibilityCheckRefusesThePress() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		String page = carol.get("/approvals").body();
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/members/all/*")
			.respond(500, "{\"message\":\"500 Internal Server Error\"}");

		PortalHttp.Response response = carol.post("/requests/" + request.getId() + "/approve",
				Map.of("_csrf", PortalHttp.csrfToken(page)));

		assertThat(response.status()).isEqualTo(302);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("outcome", "FAILURE"));
		assertNoGitLabWrite();
	}

	@Test
	void rejectingWithAReasonEndsTheRequest() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		String page = carol.get("/approvals").body();

		PortalHttp.Response response = carol.post("/requests/" + request.getId() + "/reject",
				Map.of("_csrf", PortalHttp.csrfToken(page), "reason", "Use the shared deploy token."));

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/requests/" + request.getId());
		TokenRequest rejected = this.fixtures.reload(request.getId());
		assertThat(rejected.getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
		assertThat(rejected.getStatusReason()).as("the Owner\'s words, as the argument of a code")
			.isEqualTo(StatusReason.of(StatusReason.REJECTED, "Use the shared deploy token."));
		assertThat(this.fixtures.auditOf(request.getId(), "request.rejected")).hasSize(1);
	}

	@Test
	void theQueueSaysPlainlyWhenGitLabCannotTellWhatYouOwn() {
		this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/members/all/*")
			.respond(500, "{\"message\":\"500 Internal Server Error\"}");

		PortalHttp.Response page = carol.get("/approvals");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("GitLab could not tell the portal which projects and groups you own")
			.doesNotContain("Exception", "500 Internal Server Error", "Nothing is waiting");
	}

	@Test
	void theRequestPageFragmentOffersApproveAndRejectToOwnersOnly() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();

		String carols = signIn("carol").get(path).body();
		assertThat(carols).contains("0 of 2 approvals", "id=\"approve-form\"", "id=\"reject-form\"",
				"action=\"/requests/" + request.getId() + "/approve\"", "name=\"reason\"");

		String alices = signIn("alice").get(path).body();
		assertThat(alices).contains("0 of 2 approvals", "Waiting for the Owners of the target to decide.")
			.doesNotContain("approve-form", "reject-form");

		String mallorys = signIn("mallory").get(path).body();
		assertThat(mallorys).doesNotContain("approve-form", "reject-form");
	}

	@Test
	void theFragmentsApproveFormWorksAndThenShowsTheDecision() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		PortalHttp carol = signIn("carol");
		String page = carol.get(path).body();

		PortalHttp.Response response = carol.post("/requests/" + request.getId() + "/approve",
				Map.of("_csrf", PortalHttp.csrfToken(page)));
		assertThat(response.status()).isEqualTo(302);

		String after = carol.get(path).body();
		assertThat(after).contains("1 of 2 approvals", "Approved by @carol (Owner)", "You have decided on this request")
			.doesNotContain("approve-form");
		assertThat(signIn("bob").get(path).body()).contains("1 of 2 approvals", "approve-form");
	}

	@Test
	void theFragmentTellsAnOwnerThatTheirOwnRequestNeedsAnotherOwner() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);

		String bobs = signIn("bob").get("/requests/" + request.getId()).body();

		// the requester is never an approver of their own request, even as the target's
		// Owner
		assertThat(bobs).contains("id=\"approval-waiting\"").doesNotContain("approve-form");
	}

	@Test
	void theFragmentShowsNoButtonsOnceARequestIsDecided() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "Use the shared deploy token."));

		String bobs = signIn("bob").get("/requests/" + request.getId()).body();

		assertThat(bobs).contains("0 of 1 approvals", "Rejected by @carol (Owner)", "Use the shared deploy token.")
			.doesNotContain("approve-form", "reject-form");
	}

	private PortalHttp signIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

	private PortalHttp.Response approve(PortalHttp http, TokenRequest request) {
		String page = http.get("/approvals").body();
		return http.post("/requests/" + request.getId() + "/approve", Map.of("_csrf", PortalHttp.csrfToken(page)));
	}

	private void assertNoGitLabWrite() {
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/**")).as("GitLab writes").isEmpty();
		assertThat(this.sandbox.faults().calls("DELETE", "/api/v4/**")).as("GitLab writes").isEmpty();
	}

	private long denials(String username) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_username = ?", Long.class,
				username);
	}

	// the masked CSRF token and the correlation id differ from one response to the next
	private static String withoutPerResponseValues(String page) {
		return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"")
			.replaceAll("id=\"correlation-id\">[^<]*<", "id=\"correlation-id\"><");
	}

	private static String itemId(TokenRequest request) {
		return "id=\"queued-" + request.getShortId() + "\"";
	}

	private static String item(String page, TokenRequest request) {
		Matcher matcher = Pattern.compile(Pattern.quote(itemId(request)) + ".*?</li>", Pattern.DOTALL).matcher(page);
		assertThat(matcher.find()).as("queue lists request %s", request.getShortId()).isTrue();
		return matcher.group();
	}

}
