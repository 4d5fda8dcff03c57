package dev.tokenportal.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.requests.RequestFormFixture.inDays;
import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's page: who may see it (the requester, effective Owners of the target as
 * GitLab says now, auditors; nobody else, who gets 404), what it shows (the request, the
 * policy's decision, approvals, the history from the audit trail), cancelling, and "My
 * requests".
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenRequestPageIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp alice;

	UUID pending;

	@BeforeEach
	void submitAStandardRequest() {
		this.sandbox.reset();
		this.alice = signedIn("alice");
		this.pending = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "tokenName", "release-pusher",
				"scopes", "read_repository,write_repository", "accessLevel", "30", "expiresOn", inDays(30).toString()));
	}

	@Test
	void requesterSeesTheRequestThePolicyDecisionAndTheHistory() {
		PortalHttp.Response page = this.alice.get("/requests/" + this.pending);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body())
			.contains("release-pusher", "platform/backend/api", "read_repository", "write_repository", "Developer (30)",
					inDays(30).toString(), "The nightly job reads release notes.")
			.contains("Waiting for approval", "id=\"request-tier\">standard<", "standard.default",
					"the token can write, so an Owner must approve", "0 of 1 required")
			.contains("id=\"viewer-requester\"")
			.doesNotContain("id=\"viewer-approver\"", "id=\"viewer-auditor\"");
		assertThat(page.body()).contains("data-action=\"request.submitted\"", "Request submitted",
				"data-action=\"policy.decided\"", "Policy decided", "by alice", "by system");
		assertThat(page.body()).as("the action fragments of the other features are on the page")
			.contains("id=\"approval-actions\"", "id=\"token-actions\"");
		assertThat(page.body()).contains("id=\"cancel-request\"");
	}

	@Test
	void ownersOfTheTargetSeeItAsApprovers() {
		for (String owner : new String[] { "bob", "carol" }) {
			PortalHttp.Response page = signedIn(owner).get("/requests/" + this.pending);
			assertThat(page.status()).as(owner).isEqualTo(200);
			assertThat(page.body()).contains("release-pusher", "id=\"viewer-approver\"")
				.doesNotContain("id=\"cancel-request\"");
		}
	}

	@Test
	void auditorsSeeEveryRequest() {
		PortalHttp.Response page = signedIn("dave").get("/requests/" + this.pending);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("release-pusher", "id=\"viewer-auditor\"")
			.doesNotContain("id=\"viewer-approver\"");
	}

	@Test
	void anyoneElseIsToldThereIsNoSuchRequestAndTheAttemptIsAudited() {
		long before = this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_username = 'mallory'",
				Long.class);
		PortalHttp.Response mallory = signedIn("mallory").get("/requests/" + this.pending);
		assertThat(mallory.status()).isEqualTo(404);
		assertThat(mallory.body()).doesNotContain("release-pusher", "platform/backend/api");
		assertThat(signedIn("erin").get("/requests/" + this.pending).status()).as("a portal admin is no approver")
			.isEqualTo(404);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_username = 'mallory'",
				Long.class))
			.isEqualTo(before + 1);
		assertThat(this.alice.get("/requests/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void ownershipIsAskedOfGitLabAtEachView() {
		PortalHttp bob = signedIn("bob");
		assertThat(bob.get("/requests/" + this.pending).status()).isEqualTo(200);
		this.sandbox.state().removeMember("platform", "bob");
		assertThat(bob.get("/requests/" + this.pending).status()).isEqualTo(404);
	}

	@Test
	void whenGitLabCannotConfirmOwnershipThePageIsNotShown() {
		PortalHttp bob = signedIn("bob");
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/11/members/all/*")
			.respond(503, "{\"message\":\"503 Service Unavailable\"}")
			.times(50);
		assertThat(bob.get("/requests/" + this.pending).status()).isEqualTo(503);
		assertThat(this.alice.get("/requests/" + this.pending).status()).as("the requester needs no GitLab answer")
			.isEqualTo(200);
		assertThat(signedIn("dave").get("/requests/" + this.pending).status()).as("nor does an auditor").isEqualTo(200);
	}

	@Test
	void ownersDecisionsAreShownAgainstTheRequiredApprovals() {
		UUID high = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "target", "group:101", "scopes", "api", "tokenName", "group-bot"));
		this.jdbc.update(
				"insert into approval (request_id, approver_id, approver_name, decision, reason, access_level, decided_at) "
						+ "values (?, 4, 'bob', 'APPROVED', 'Looks right', 50, ?)",
				high, Timestamp.from(Instant.now()));
		String page = this.alice.get("/requests/" + high).body();
		assertThat(page).contains("id=\"request-tier\">high<", "1 of 2 required", "Approved by @bob", "Looks right");
	}

	@Test
	void requesterCancelsAPendingRequest() {
		String page = this.alice.get("/requests/" + this.pending).body();
		PortalHttp.Response cancel = this.alice.post("/requests/" + this.pending + "/cancel",
				java.util.Map.of("_csrf", PortalHttp.csrfToken(page)));
		assertThat(cancel.status()).isEqualTo(302);
		assertThat(status(this.pending)).isEqualTo("CANCELLED");
		String after = this.alice.get(cancel.location()).body();
		assertThat(after)
			.contains("The request was cancelled.", "Cancelled", "data-action=\"request.cancelled\"",
					"Cancelled by the requester")
			.doesNotContain("id=\"cancel-request\"");
		PortalHttp.Response again = this.alice.post("/requests/" + this.pending + "/cancel",
				java.util.Map.of("_csrf", PortalHttp.csrfToken(after)));
		assertThat(this.alice.get(again.location()).body())
			.contains("Cannot cancel this request: it is already “Cancelled”.");
	}

	@Test
	void anApprovedRequestCanBeCancelledBeforeItsTokenIsCreated() {
		UUID approved = new RequestFormFixture(this.alice).submit(lowTierForApi());
		String page = this.alice.get("/requests/" + approved).body();
		assertThat(page).contains("Approved", "id=\"cancel-request\"");
		this.alice.post("/requests/" + approved + "/cancel", java.util.Map.of("_csrf", PortalHttp.csrfToken(page)));
		assertThat(status(approved)).isEqualTo("CANCELLED");
	}

	@Test
	void onlyTheRequesterMayCancel() {
		PortalHttp bob = signedIn("bob");
		String page = bob.get("/requests/" + this.pending).body();
		PortalHttp.Response cancel = bob.post("/requests/" + this.pending + "/cancel",
				java.util.Map.of("_csrf", PortalHttp.csrfToken(page)));
		assertThat(cancel.status()).isEqualTo(404);
		assertThat(status(this.pending)).isEqualTo("PENDING_APPROVAL");
	}

	@Test
	void cancelAsksFirstAndOnlyTheConfirmationCancels() {
		String path = "/requests/" + this.pending;
		String page = this.alice.get(path).body();
		assertThat(page).contains("href=\"" + path + "/cancel\"").doesNotContain("action=\"" + path + "/cancel\"");

		PortalHttp.Response confirm = this.alice.get(path + "/cancel");

		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("Cancel the request for “release-pusher”?", "platform/backend/api",
				"id=\"confirm-consequence\"", "action=\"" + path + "/cancel\"", "id=\"confirm-cancel\"",
				"id=\"keep-request\"", "href=\"" + path + "\"");
		assertThat(status(this.pending)).as("nothing happens before confirming").isEqualTo("PENDING_APPROVAL");
		PortalHttp.Response cancelled = this.alice.post(path + "/cancel",
				java.util.Map.of("_csrf", PortalHttp.csrfToken(confirm.body())));
		assertThat(cancelled.status()).isEqualTo(302);
		assertThat(status(this.pending)).isEqualTo("CANCELLED");
		assertThat(this.alice.get(cancelled.location()).body()).contains("The request was cancelled.")
			.doesNotContain("id=\"cancel-request\"");
		PortalHttp.Response again = this.alice.get(path + "/cancel");
		assertThat(again.status()).as("nothing left to cancel").isEqualTo(302);
		assertThat(this.alice.get(again.location()).body())
			.contains("Cannot cancel this request: it is already “Cancelled”.");
	}

	@Test
	void requestAgainOpensTheFormFilledInFromARejectedRequest() {
		PortalHttp carol = signedIn("carol");
		String path = "/requests/" + this.pending;
		carol.post(path + "/reject", java.util.Map.of("_csrf", PortalHttp.csrfToken(carol.get(path).body()), "reason",
				"Ask for read_repository only."));
		assertThat(status(this.pending)).isEqualTo("REJECTED");
		String page = this.alice.get(path).body();
		assertThat(page).contains("id=\"request-again\"", "href=\"/requests/new?from=" + this.pending + "\"");

		PortalHttp.Response form = this.alice.get("/requests/new?from=" + this.pending);

		assertThat(form.status()).isEqualTo(200);
		String html = form.body();
		assertThat(html).contains("id=\"request-again-note\"")
			.containsPattern("<option value=\"project:11\"[^>]*selected")
			.containsPattern("id=\"tokenName\"[^>]*value=\"release-pusher\"")
			.containsPattern("<input[^>]*id=\"scope-read_repository\"[^>]*checked")
			.containsPattern("<input[^>]*id=\"scope-write_repository\"[^>]*checked")
			.doesNotContainPattern("<input[^>]*id=\"scope-api\"[^>]*checked")
			.containsPattern("<option value=\"30\"[^>]*selected")
			.containsPattern("id=\"expiresOn\"[^>]*value=\"" + inDays(30) + "\"")
			.containsPattern("id=\"justification\"[^>]*>The nightly job reads release notes.</textarea>");
		assertThat(status(this.pending)).as("the old request stays as it was").isEqualTo("REJECTED");
	}

	@Test
	void requestAgainIsOfferedOnceARequestEndedWithoutAUsableToken() {
		for (String ended : new String[] { "LAPSED", "CANCELLED", "EXPIRED", "REVOKED", "FAILED" }) {
			UUID id = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "tokenName",
					"again-" + ended.toLowerCase(), "expiresOn", inDays(5).toString()));
			this.jdbc.update("update token_request set status = ?, created_at = created_at - interval '2 days' "
					+ "where id = ?", ended, id);

			assertThat(this.alice.get("/requests/" + id).body()).as(ended).contains("id=\"request-again\"");
			String form = this.alice.get("/requests/new?from=" + id).body();
			assertThat(form).as(ended)
				.containsPattern("id=\"tokenName\"[^>]*value=\"again-" + ended.toLowerCase() + "\"")
				.as("the same length from today: it was 7 days from its submission")
				.containsPattern("id=\"expiresOn\"[^>]*value=\"" + inDays(7) + "\"")
				.doesNotContain("glpat-");
		}
		assertThat(this.alice.get("/requests/" + this.pending).body()).as("still pending")
			.doesNotContain("id=\"request-again\"");
		PortalHttp.Response pendingAgain = this.alice.get("/requests/new?from=" + this.pending);
		assertThat(pendingAgain.status()).isEqualTo(302);
		assertThat(this.alice.get(pendingAgain.location()).body())
			.contains("This request has not ended; change or cancel it instead of asking again.");
	}

	@Test
	void requestAgainOfSomeoneElsesRequestIsNotFound() {
		this.jdbc.update("update token_request set status = 'REJECTED' where id = ?", this.pending);
		long before = this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_username = 'bob'",
				Long.class);

		PortalHttp bob = signedIn("bob");
		PortalHttp.Response again = bob.get("/requests/new?from=" + this.pending);

		assertThat(again.status()).as("an Owner who may see it, but it is not his").isEqualTo(404);
		assertThat(again.body()).doesNotContain("release-pusher", "The nightly job reads release notes.");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_username = 'bob'",
				Long.class))
			.isEqualTo(before + 1);
		assertThat(this.alice.get("/requests/new?from=" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(this.alice.get("/requests/new?from=not-an-id").status()).isEqualTo(400);
	}

	@Test
	void errorPagesFromBadInputKeepTheSignedInHeader() {
		for (String path : new String[] { "/requests/new?from=not-an-id", "/requests/not-an-id",
				"/requests/" + UUID.randomUUID() }) {
			PortalHttp.Response page = this.alice.get(path);

			assertThat(page.status()).as(path).isIn(400, 404);
			assertThat(page.body()).as("%s: the menu and who is signed in", path)
				.contains("id=\"site-menu\"", "id=\"nav-requests\"", "id=\"logout\"");
		}
	}

	@Test
	void myRequestsListsMineNewestFirst() {
		UUID newer = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "tokenName", "newest-one"));
		String list = this.alice.get("/requests").body();
		assertThat(list).contains("newest-one", "release-pusher", "Approved", "Waiting for approval");
		assertThat(list.indexOf("newest-one")).isLessThan(list.indexOf("release-pusher"));
		assertThat(list).contains("/requests/" + newer);
		// other tests share the database, so bob may have requests of his own; never
		// alice's
		String bobs = signedIn("bob").get("/requests").body();
		assertThat(bobs).doesNotContain("release-pusher", "newest-one", "/requests/" + newer);
	}

	@Test
	void afterGitLabForbidsTokensInTheGroupThePageSaysWhatMustChangeInsteadOfGranted() {
		// legacy's Owners disabled token creation: pressing again fails until they change
		// it
		UUID id = new RequestFormFixture(this.alice).submit(
				with(lowTierForApi(), "target", "project:" + SandboxSeed.MONOLITH_ID, "tokenName", "legacy-reader"));
		assertThat(press(id).status()).isEqualTo(302);
		assertThat(status(id)).isEqualTo("APPROVED");
		String page = this.alice.get("/requests/" + id).body();
		assertThat(page).doesNotContain("Granted.", ">Create token<", "Press Create token when you are ready")
			.contains("id=\"awaiting-change\"", "GitLab refused to create this token",
					"What must change: GitLab does not allow access tokens to be created in legacy/monolith",
					"Users can create project access tokens and group access tokens in this group",
					"id=\"create-token\"", ">Try again<");
		this.sandbox.state().setTokenCreationAllowed(SandboxSeed.LEGACY, true);
		assertThat(press(id).status()).as("once the group allows it").isEqualTo(200);
		assertThat(status(id)).isEqualTo("ISSUED");
	}

	@Test
	void afterGitLabRefusesTheServiceAccountThePageSaysWhatMustChange() {
		UUID id = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "tokenName", "sa-refused"));
		this.sandbox.faults()
			.on("POST", "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens")
			.respond(401, "{\"message\":\"401 Unauthorized\"}");
		assertThat(press(id).status()).isEqualTo(302);
		String page = this.alice.get("/requests/" + id).body();
		assertThat(page).doesNotContain("Granted.", ">Create token<")
			.contains("What must change: GitLab refused the portal", "Ask the portal administrators", ">Try again<");
	}

	@Test
	void afterAPassingFailureTheRequestIsStillGrantedWithCreateToken() {
		UUID id = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "tokenName", "flaky"));
		this.sandbox.faults()
			.on("POST", "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens")
			.respond(503, "{\"message\":\"503 Service Unavailable\"}");
		assertThat(press(id).status()).isEqualTo(502);
		String page = this.alice.get("/requests/" + id).body();
		assertThat(page).contains("Granted.", ">Create token<", "id=\"status-reason\"")
			.doesNotContain("awaiting-change", "What must change");
	}

	@Test
	void afterGitLabRefusesForGoodThePageSaysFailedWithNoButton() {
		this.sandbox.settings().withoutTokenScope("read_registry");
		UUID id = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "tokenName", "no-registry", "scopes", "read_registry"));
		assertThat(press(id).status()).isEqualTo(302);
		String page = this.alice.get("/requests/" + id).body();
		assertThat(page).contains("Failed", "pressing again cannot fix", "Submit a new request with scopes")
			.doesNotContain("Granted.", "id=\"create-token\"");
	}

	private PortalHttp.Response press(UUID id) {
		String page = this.alice.get("/requests/" + id).body();
		return this.alice.post("/requests/" + id + "/create", java.util.Map.of("_csrf", PortalHttp.csrfToken(page)));
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

	private String status(UUID id) {
		return this.jdbc.queryForObject("select status from token_request where id = ?", String.class, id);
	}

}
