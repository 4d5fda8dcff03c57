package dev.tokenportal.approvals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.AccessLevels;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
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

		assertThat(item)
			.contains("ci-deploy", "on project platform/backend/api", "@alice", "api", "Developer",
					request.getExpiresOn().toString(), "standard", "the token can write", "0 of 1 approvals",
					"Deploys the service from CI", "/requests/" + request.getId() + "/approve",
					"href=\"/requests/" + request.getId() + "/reject\"")
			.as("the reason is asked on the reject page, not in the queue")
			.doesNotContain("name=\"reason\"");
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
		assertThat(carols).contains("0 of 2 approvals", "id=\"approve-form\"", "id=\"reject-request\"",
				"action=\"/requests/" + request.getId() + "/approve\"", "href=\"" + path + "/reject\"");

		String alices = signIn("alice").get(path).body();
		assertThat(alices).contains("0 of 2 approvals", "Waiting for the Owners of the target to decide.")
			.doesNotContain("approve-form", "reject-request", path + "/reject");

		String mallorys = signIn("mallory").get(path).body();
		assertThat(mallorys).doesNotContain("approve-form", "reject-request");
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
			.doesNotContain("approve-form", "reject-request");
	}

	@Test
	void approveIsThePrimaryActionAndRejectAsksForItsReasonOnAPageOfItsOwn() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		PortalHttp carol = signIn("carol");

		String panel = approvalPanel(carol.get(path).body());
		assertThat(panel).contains("id=\"approve\"", "name=\"comment\"", "href=\"" + path + "/reject\"")
			.as("no reason box, no red button beside Approve")
			.doesNotContain("name=\"reason\"", "danger");
		assertThat(panel).containsPattern("<button[^>]*class=\"button\"[^>]*id=\"approve\"");
		assertThat(panel.indexOf("id=\"approve\"")).as("Approve comes first")
			.isLessThan(panel.indexOf("id=\"reject-request\""));

		PortalHttp.Response confirm = carol.get(path + "/reject");

		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("ci-deploy", "@alice", "platform/backend/api", "name=\"reason\"",
				"action=\"" + path + "/reject\"", "id=\"confirm-reject\"", "href=\"" + path + "\"");
		assertThat(this.fixtures.reload(request.getId()).getStatus()).as("opening the page decides nothing")
			.isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	@Test
	void aRejectWithoutAReasonIsRefusedWithTheMessageAndRejectsNothing() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		PortalHttp carol = signIn("carol");
		String csrf = PortalHttp.csrfToken(carol.get(path).body());

		for (Map<String, String> form : List.of(Map.of("_csrf", csrf), Map.of("_csrf", csrf, "reason", ""),
				Map.of("_csrf", csrf, "reason", "  \n "))) {
			PortalHttp.Response response = carol.post(path + "/reject", form);

			assertThat(response.status()).as("%s", form.keySet()).isEqualTo(400);
			assertThat(response.body()).contains("Give a reason for the rejection; the requester will read it.",
					"id=\"reason-error\"", "aria-invalid=\"true\"", "name=\"reason\"", "ci-deploy");
		}

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "request.rejected")).isEmpty();
		PortalHttp.Response rejected = carol.post(path + "/reject",
				Map.of("_csrf", csrf, "reason", "Use the shared deploy token."));
		assertThat(rejected.status()).isEqualTo(302);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
	}

	@Test
	void anApprovalsCommentIsStoredShownOnThePageAndItsHistoryAndAudited() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		PortalHttp carol = signIn("carol");
		String comment = "Fine for the release; <rotate> it after & tell us.";

		PortalHttp.Response response = carol.post(path + "/approve",
				Map.of("_csrf", PortalHttp.csrfToken(carol.get(path).body()), "comment", "  " + comment + "\n"));

		assertThat(response.status()).isEqualTo(302);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(this.fixtures.approvalsOf(request.getId())).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("comment", comment));
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved")).singleElement()
			.satisfies((event) -> assertThat(event.get("details").toString()).contains("\"comment\"",
					"Fine for the release; <rotate> it after & tell us."));
		String escaped = "Fine for the release; &lt;rotate&gt; it after &amp; tell us.";
		String alices = signIn("alice").get(path).body();
		assertThat(approvalPanel(alices)).contains("Approved by @carol (Owner)", escaped);
		assertThat(alices.substring(alices.indexOf("id=\"timeline\""))).contains("data-action=\"request.approved\"",
				"Comment", escaped);
		assertThat(alices).doesNotContain("<rotate>");
	}

	@Test
	void aCommentTooLongOrHoldingATokenIsRefusedNamingTheProblemAndApprovesNothing() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		PortalHttp carol = signIn("carol");
		String csrf = PortalHttp.csrfToken(carol.get(path).body());

		PortalHttp.Response tooLong = carol.post(path + "/approve", Map.of("_csrf", csrf, "comment", "x".repeat(501)));
		PortalHttp.Response secret = carol.post(path + "/approve",
				Map.of("_csrf", csrf, "comment", "Use glpat-Abcdefghij0123456789xy instead"));

		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.body()).contains("The comment can be at most 500 characters long.");
		assertThat(secret.status()).isEqualTo(400);
		assertThat(secret.body()).contains("The comment looks like it holds a token")
			.doesNotContain("glpat-Abcdefghij0123456789xy");
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
	}

	@Test
	void approversSeeTheRequestersRoleInGitLabNowAndTheirOtherActiveTokensThere() {
		PortalHttp alice = signIn("alice");
		// the page lists the 10 that end soonest; other tests leave alice tokens here, so
		// this one ends tomorrow to be among them whatever ran before
		TokenRequest active = IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("read_api"), 20, 1);
		assertThat(IssuanceTestSupport.post(alice, active.getId(), "create").status()).isEqualTo(200);
		TokenRequest revoked = IssuanceTestSupport.approvedApiRequest(this.requests);
		assertThat(IssuanceTestSupport.post(alice, revoked.getId(), "create").status()).isEqualTo(200);
		assertThat(IssuanceTestSupport.post(alice, revoked.getId(), "revoke").status()).isEqualTo(302);
		TokenRequest elsewhere = IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.WEB_ID,
				List.of("read_api"), 20, 30);
		assertThat(IssuanceTestSupport.post(alice, elsewhere.getId(), "create").status()).isEqualTo(200);
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		// alice asked as a Developer; GitLab has made her a Maintainer since
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, AccessLevels.MAINTAINER);
		PortalHttp carol = signIn("carol");
		this.sandbox.faults().clearCalls();

		String facts = requesterFacts(carol.get(path).body());

		assertThat(facts)
			.contains("@alice is Maintainer of platform/backend/api in GitLab now.",
					"href=\"/requests/" + active.getId() + "\"", "ci-reader", active.getExpiresOn().toString())
			.doesNotContain(revoked.getId().toString(), elsewhere.getId().toString(), path + "\"");
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/11/members/all/" + SandboxSeed.ALICE_ID))
			.as("the requester's role: one call")
			.hasSize(1);
		assertThat(alice.get(path).body()).as("the requester is not shown facts about themselves")
			.doesNotContain("id=\"requester-facts\"");
	}

	@Test
	void whenGitLabCannotSayTheRequestersRoleThePageSaysSoAndStillOffersTheDecision() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		PortalHttp carol = signIn("carol");
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/11/members/all/" + SandboxSeed.ALICE_ID)
			.respond(500, "{\"message\":\"500 Internal Server Error\"}");

		PortalHttp.Response page = carol.get("/requests/" + request.getId());

		assertThat(page.status()).isEqualTo(200);
		assertThat(requesterFacts(page.body())).contains("GitLab could not say what @alice is")
			.doesNotContain("500 Internal Server Error");
		assertThat(page.body()).contains("id=\"approve-form\"");
	}

	@Test
	void theRejectPageAndTheCancelAndRequestAgainStepsAreNotFoundForWhoMayNotUseThem() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);
		String path = "/requests/" + request.getId();
		for (String username : new String[] { "mallory", "alice" }) {
			PortalHttp http = signIn(username);
			PortalHttp.Response viewed = http.get(path);
			assertThat(viewed.status()).isEqualTo(404);
			for (String step : new String[] { path + "/reject", path + "/cancel",
					"/requests/new?from=" + request.getId() }) {
				long before = denials(username);

				PortalHttp.Response opened = http.get(step);

				assertThat(opened.status()).as("%s opens %s", username, step).isEqualTo(404);
				assertThat(opened.body()).as("%s opens %s", username, step)
					.doesNotContain(SandboxSeed.API, "ci-deploy")
					.satisfies((body) -> assertThat(withoutPerResponseValues(body))
						.isEqualTo(withoutPerResponseValues(viewed.body())));
				assertThat(denials(username)).as("%s opens %s", username, step).isEqualTo(before + 1);
			}
		}
		// carol may decide, but the request is not hers to cancel or ask for again
		PortalHttp carol = signIn("carol");
		assertThat(carol.get(path + "/cancel").status()).isEqualTo(404);
		assertThat(carol.get("/requests/new?from=" + request.getId()).status()).isEqualTo(404);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
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

	// from the approvals fragment to the token fragment that follows it
	private static String approvalPanel(String page) {
		int start = page.indexOf("id=\"approval-actions\"");
		assertThat(start).as("the page has the approvals fragment").isNotNegative();
		return page.substring(start, page.indexOf("id=\"token-actions\"", start));
	}

	private static String requesterFacts(String page) {
		Matcher matcher = Pattern.compile("id=\"requester-facts\".*?</section>", Pattern.DOTALL).matcher(page);
		assertThat(matcher.find()).as("the page shows the requester's facts").isTrue();
		return matcher.group();
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
