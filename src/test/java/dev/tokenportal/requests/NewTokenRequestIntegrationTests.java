package dev.tokenportal.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SourceRef;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.requests.RequestFormFixture.fieldError;
import static dev.tokenportal.requests.RequestFormFixture.inDays;
import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request form over real HTTP against the GitLab sandbox: each tier lands in the
 * right state, what only GitLab can refuse is refused next to its field with nothing
 * saved, fields a requester may not set are ignored, and the form works without
 * JavaScript. Bad input the form refuses by itself is in
 * {@link TokenRequestControllerTests}.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class NewTokenRequestIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	GitLabTokenClient gitlab;

	RequestFormFixture alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs("alice");
		this.alice = new RequestFormFixture(http);
	}

	@Test
	void readOnlyProjectTokenIsApprovedAtOnce() {
		UUID id = this.alice.submit(lowTierForApi());
		Map<String, Object> row = row(id);
		assertThat(row).containsEntry("status", "APPROVED")
			.containsEntry("tier", "LOW")
			.containsEntry("required_approvals", 0)
			.containsEntry("requester_username", "alice")
			.containsEntry("target_path", "platform/backend/api")
			.containsEntry("token_name", "ci-reader")
			.containsEntry("scopes", "read_api")
			.containsEntry("access_level", 20);
	}

	@Test
	void writeTokenWaitsForOneOwner() {
		UUID id = this.alice.submit(with(lowTierForApi(), "scopes", "read_repository,write_repository", "accessLevel",
				"30", "expiresOn", inDays(60).toString()));
		assertThat(row(id)).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "STANDARD")
			.containsEntry("required_approvals", 1)
			.containsEntry("scopes", "read_repository write_repository");
	}

	@Test
	void groupTokenThatCanWriteWaitsForTwoOwners() {
		UUID id = this.alice.submit(with(lowTierForApi(), "target", "group:101", "scopes", "api"));
		assertThat(row(id)).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "HIGH")
			.containsEntry("required_approvals", 2)
			.containsEntry("target_path", "platform/backend")
			.containsEntry("policy_rule", "high.group-write");
	}

	@Test
	void submittingRedirectsToTheRequestWithAMessage() {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs("alice");
		RequestFormFixture form = new RequestFormFixture(http);
		UUID id = form.submit(lowTierForApi());
		String page = http.get("/requests/" + id).body();
		assertThat(page).contains("Your request was submitted.", "ci-reader", "platform/backend/api");
	}

	@Test
	void aTargetGitLabDoesNotKnowIsRefusedNextToTheTargetAndNothingIsSaved() {
		// every other kind of bad input is refused before GitLab is asked:
		// TokenRequestControllerTests
		long before = count();
		PortalHttp.Response response = this.alice.post(with(lowTierForApi(), "target", "project:987654"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(fieldError(response.body(), "target")).contains("not a member of that project or group");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void targetTheRequesterIsNotAMemberOfIsRefused() {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs("mallory");
		long before = count();
		PortalHttp.Response response = new RequestFormFixture(http).post(lowTierForApi());
		assertThat(response.status()).isEqualTo(400);
		assertThat(fieldError(response.body(), "target")).contains("not a member of that project or group");
		assertThat(response.body()).as("the refusal does not reveal the project's path")
			.doesNotContain("platform/backend/api");
		assertThat(count()).isEqualTo(before);
		assertThat(this.jdbc.queryForMap("select action, outcome, details from audit_event "
				+ "where actor_username = 'mallory' order by seq desc limit 1"))
			.containsEntry("action", "request.submitted")
			.containsEntry("outcome", "DENIED")
			.hasEntrySatisfying("details", (details) -> assertThat((String) details).contains("project:11"));
	}

	@Test
	void fieldsARequesterMayNotSetAreIgnored() {
		Map<String, String> form = with(lowTierForApi(), "scopes", "write_repository", "status", "ISSUED", "tier",
				"LOW", "requiredApprovals", "0", "requesterId", "8", "requesterUsername", "mallory", "approvedAt",
				"2020-01-01T00:00:00Z", "gitlabTokenId", "4242", "policyVersion", "999");
		UUID id = this.alice.submit(form);
		assertThat(row(id)).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "STANDARD")
			.containsEntry("required_approvals", 1)
			.containsEntry("requester_username", "alice")
			.containsEntry("requester_id", 3L)
			.containsEntry("approved_at", null)
			.containsEntry("gitlab_token_id", null);
	}

	@Test
	void gitLabUnavailableAtSubmitSavesNothingAndSaysSo() {
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/11")
			.respond(502, "{\"message\":\"502 Bad Gateway\"}")
			.times(50);
		long before = count();
		long failuresBefore = submissionFailures();
		PortalHttp.Response response = this.alice.post(lowTierForApi());
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body()).contains("GitLab could not be reached", "nothing was saved")
			.doesNotContain("Exception");
		assertThat(response.body()).as("what was typed is kept").contains("value=\"ci-reader\"");
		assertThat(count()).isEqualTo(before);
		assertThat(submissionFailures()).as("the failed attempt is in the audit trail").isEqualTo(failuresBefore + 1);
	}

	@Test
	void aRequestTooFewOwnersCouldApproveIsRefusedAtSubmissionAndAudited() {
		// platform/backend/api has two Owners, bob and carol: besides carol, only bob
		RequestFormFixture carol = signedIn("carol");
		Map<String, String> highTier = with(lowTierForApi(), "accessLevel", "40", "expiresOn", inDays(120).toString());
		long before = count();
		long denied = tooFewOwnersDenials("carol");
		PortalHttp.Response response = carol.post(highTier);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.body())
			.contains("This request needs 2 Owners’ approval, but platform/backend/api has "
					+ "only 1 Owner besides you, so it could never be approved and nothing was saved.")
			.doesNotContain("Exception");
		assertThat(count()).isEqualTo(before);
		assertThat(tooFewOwnersDenials("carol")).isEqualTo(denied + 1);
		UUID byAlice = this.alice.submit(highTier);
		assertThat(row(byAlice)).as("bob and carol can approve alice's")
			.containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("required_approvals", 2);
	}

	@Test
	void theBotOfAnOwnerTokenIsNoOwnerThatCouldApprove() {
		// platform/frontend/web: bob is its only Owner, alice is Maintainer
		Map<String, String> highTier = with(lowTierForApi(), "target", "project:" + SandboxSeed.WEB_ID, "accessLevel",
				"40", "expiresOn", inDays(120).toString());
		this.gitlab.create(new GitLabTarget(GitLabResource.PROJECT, SandboxSeed.WEB_ID, SandboxSeed.WEB),
				new NewAccessToken("owner-bot", null, List.of("read_api"), 50, inDays(30)));
		assertThat(this.sandbox.state().effectiveMembers(SourceRef.project(SandboxSeed.WEB_ID)))
			.filteredOn((member) -> member.accessLevel() == 50)
			.hasSize(2);
		PortalHttp.Response response = this.alice.post(highTier);
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.body()).contains("platform/frontend/web has only 1 Owner besides you");
		this.sandbox.state().addMember(SandboxSeed.WEB, SandboxSeed.CAROL, 50);
		assertThat(row(this.alice.submit(highTier))).containsEntry("status", "PENDING_APPROVAL");
	}

	private long tooFewOwnersDenials(String username) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'request.submitted' "
						+ "and outcome = 'DENIED' and actor_username = ? and details like '%denied.too-few-owners%'",
				Long.class, username);
	}

	private RequestFormFixture signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return new RequestFormFixture(http);
	}

	private long submissionFailures() {
		return this.jdbc.queryForObject("select count(*) from audit_event where action = 'request.submitted' "
				+ "and outcome = 'FAILURE' and actor_username = 'alice' and details like '%GitLab could not check%'",
				Long.class);
	}

	@Test
	void searchNarrowsTheTargetsToMyMembershipsWithoutJavaScript() {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs("alice");
		String billing = http.get("/requests/new?q=billing").body();
		assertThat(billing).contains(">platform/backend/billing<").doesNotContain(">platform/backend/api<");
		PortalHttp mallory = new PortalHttp(this.port);
		mallory.loginAs("mallory");
		String all = mallory.get("/requests/new").body();
		assertThat(all).contains(">legacy/monolith<", ">legacy<").doesNotContain("platform/");
	}

	@Test
	void checkPolicyShowsWhatThePolicyRequiresAndSavesNothing() {
		long before = count();
		PortalHttp.Response response = this.alice
			.post(with(lowTierForApi(), "intent", "check", "scopes", "write_repository", "accessLevel", "30"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("Needs 1 approval from an Owner of platform/backend/api")
			.contains("value=\"ci-reader\"")
			.doesNotContain("field-error");
		assertThat(count()).isEqualTo(before);
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from token_request", Long.class);
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.queryForMap("select * from token_request where id = ?", id);
	}

}
