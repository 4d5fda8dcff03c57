package dev.tokenportal.requests;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tier end to end over HTTP, as people click it: submit the form, Owners approve on
 * the request page, the requester presses Create token and reads the value once; GitLab
 * (the sandbox) ends with exactly the token that was asked for.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenRequestFlowIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.alice = signedIn("alice");
	}

	@Test
	void lowTierIsGrantedAtOnceAndCreatedAtPress() {
		UUID id = new RequestFormFixture(this.alice).submit(lowTierForApi());
		assertThat(status(id)).isEqualTo("APPROVED");
		String value = create(id);
		assertIssued(id, value, SandboxSeed.API, List.of("read_api"), 20);
		assertThat(actions(id)).containsExactly("request.submitted", "policy.decided", "issuance.started",
				"issuance.succeeded");
	}

	@Test
	void standardTierNeedsOneOwner() {
		UUID id = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "scopes", "write_repository", "accessLevel", "30", "tokenName", "pusher"));
		assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
		assertThat(decide(signedIn("carol"), id, "approve").status()).isEqualTo(302);
		assertThat(status(id)).isEqualTo("APPROVED");
		String value = create(id);
		assertIssued(id, value, SandboxSeed.API, List.of("write_repository"), 30);
		assertThat(actions(id)).containsSubsequence("request.submitted", "policy.decided", "request.approved",
				"issuance.started", "issuance.succeeded");
	}

	@Test
	void highTierNeedsTwoDistinctOwnersAndTheSameOwnerTwiceDoesNotCount() {
		UUID id = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "target", "group:" + SandboxSeed.PLATFORM_BACKEND_ID, "scopes", "api",
					"accessLevel", "30", "tokenName", "group-deployer"));
		assertThat(status(id)).isEqualTo("PENDING_APPROVAL");
		PortalHttp carol = signedIn("carol");
		decide(carol, id, "approve");
		PortalHttp.Response again = decide(carol, id, "approve");
		assertThat(again.status()).isEqualTo(302);
		assertThat(status(id)).as("one Owner, however often").isEqualTo("PENDING_APPROVAL");
		assertThat(this.jdbc.queryForObject("select count(*) from approval where request_id = ?", Integer.class, id))
			.isOne();
		decide(signedIn("bob"), id, "approve");
		assertThat(status(id)).isEqualTo("APPROVED");
		String value = create(id);
		assertIssued(id, value, SandboxSeed.PLATFORM_BACKEND, List.of("api"), 30);
	}

	@Test
	void rejectedRequestCannotBeCreated() {
		UUID id = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "scopes", "write_repository", "tokenName", "unwanted"));
		PortalHttp carol = signedIn("carol");
		String page = carol.get("/requests/" + id).body();
		carol.post("/requests/" + id + "/reject",
				Map.of("_csrf", PortalHttp.csrfToken(page), "reason", "Use the shared deploy key."));
		assertThat(status(id)).isEqualTo("REJECTED");
		assertThat(this.alice.get("/requests/" + id).body()).contains("Use the shared deploy key.");
		PortalHttp.Response press = press(id);
		assertThat(press.status()).isEqualTo(409);
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/**")).isEmpty();
	}

	@Test
	void aGuestAskingForAReporterTokenWaitsForAnOwnerWhoSeesBothLevels() {
		// the security review's case: a Guest of a private project asks to read its code
		this.sandbox.state().addMember(SandboxSeed.API, SandboxSeed.MALLORY, 10);
		PortalHttp mallory = signedIn("mallory");
		UUID id = new RequestFormFixture(mallory)
			.submit(with(lowTierForApi(), "scopes", "read_repository", "tokenName", "code-reader"));
		Map<String, Object> request = this.jdbc.queryForMap("select * from token_request where id = ?", id);
		assertThat(request).as("not granted at once")
			.containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "STANDARD")
			.containsEntry("policy_rule", "standard.above-own-level")
			.containsEntry("requester_access_level", 10);
		assertThat(request).as("a code with its arguments, no English sentence")
			.containsEntry("policy_reason_code", "policy.reason.standard.above-own-level")
			.containsEntry("policy_reason", null);
		assertThat(this.jdbc.queryForList("select unnest(policy_reason_args) from token_request where id = ?",
				String.class, id))
			.hasSize(2)
			.allSatisfy((arg) -> assertThat(arg).startsWith("\u001F"))
			.satisfiesExactly((own) -> assertThat(own).contains("accessLevel.20"),
					(requester) -> assertThat(requester).contains("accessLevel.10"));
		assertThat(mallory.get("/requests/" + id).body()).as("rendered from the bundle")
			.contains("the token would be Reporter, above your own Guest access: an Owner must approve");
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where action = 'policy.decided' and request_id = ?", String.class, id))
			.as("the trail keeps the English words auditors search, and the code")
			.contains("the token would be Reporter, above your own Guest access: an Owner must approve",
					"\"reasonCode\":\"policy.reason.standard.above-own-level\"");
		this.jdbc.update("update token_request set policy_reason = 'an old sentence', policy_reason_code = null, "
				+ "policy_reason_args = null where id = ?", id);
		assertThat(mallory.get("/requests/" + id).body()).as("a row from before V29 keeps its English")
			.contains("an old sentence");
		String levels = "mallory is Guest; the token would be Reporter.";
		assertThat(mallory.get("/requests/" + id).body()).contains(levels);
		PortalHttp carol = signedIn("carol");
		assertThat(queued(carol, id)).contains("code-reader", levels,
				"The token would have more access than its requester.");
		assertThat(carol.get("/requests/" + id).body()).contains(levels);
		String page = mallory.get("/requests/" + id).body();
		assertThat(mallory.post("/requests/" + id + "/create", Map.of("_csrf", PortalHttp.csrfToken(page))).status())
			.isEqualTo(409);
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/**")).as("GitLab made nothing").isEmpty();
		assertThat(decide(carol, id, "approve").status()).isEqualTo(302);
		assertThat(status(id)).isEqualTo("APPROVED");
	}

	@Test
	void aRequestFromBeforeLevelsWereRecordedShowsNoLevels() {
		UUID id = new RequestFormFixture(this.alice)
			.submit(with(lowTierForApi(), "scopes", "write_repository", "tokenName", "old-style"));
		assertThat(this.alice.get("/requests/" + id).body()).contains("id=\"request-levels\"",
				"alice is Developer; the token would be Reporter.");
		this.jdbc.update("update token_request set requester_access_level = null where id = ?", id);
		assertThat(this.alice.get("/requests/" + id).body()).doesNotContain("request-levels", " is Developer;");
		assertThat(queued(signedIn("carol"), id)).contains("old-style").doesNotContain("alice is Developer;");
	}

	private String create(UUID id) {
		PortalHttp.Response created = press(id);
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).contains("no-store");
		java.util.regex.Matcher value = java.util.regex.Pattern.compile("id=\"token-value\"[^>]*value=\"([^\"]+)\"")
			.matcher(created.body());
		assertThat(value.find()).isTrue();
		assertThat(this.alice.get("/requests/" + id).body()).doesNotContain(value.group(1));
		return value.group(1);
	}

	private PortalHttp.Response press(UUID id) {
		String page = this.alice.get("/requests/" + id).body();
		return this.alice.post("/requests/" + id + "/create", Map.of("_csrf", PortalHttp.csrfToken(page)));
	}

	private void assertIssued(UUID id, String value, String targetPath, List<String> scopes, int level) {
		assertThat(status(id)).isEqualTo("ISSUED");
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		List<SandboxToken> tokens = this.sandbox.state().accessTokens(targetPath);
		String shortId = id.toString().substring(0, 8);
		List<SandboxToken> ours = tokens.stream().filter((token) -> token.name().contains("tp-" + shortId)).toList();
		assertThat(ours).singleElement().satisfies((token) -> {
			assertThat(token.scopes()).containsExactlyElementsOf(scopes);
			assertThat(
					this.jdbc.queryForObject("select gitlab_token_id from token_request where id = ?", Long.class, id))
				.isEqualTo(token.id());
		});
		assertThat(this.jdbc.queryForObject("select issued_access_level from token_request where id = ?", Integer.class,
				id))
			.as("the level GitLab reported for the token's bot")
			.isEqualTo(level);
	}

	private static String queued(PortalHttp owner, UUID id) {
		String inbox = owner.get("/approvals").body();
		java.util.regex.Matcher item = java.util.regex.Pattern
			.compile("id=\"queued-" + id.toString().substring(0, 8) + "\"(.*?)</li>", java.util.regex.Pattern.DOTALL)
			.matcher(inbox);
		assertThat(item.find()).as("the request is in the inbox").isTrue();
		return item.group(1);
	}

	private PortalHttp.Response decide(PortalHttp owner, UUID id, String decision) {
		String page = owner.get("/requests/" + id).body();
		return owner.post("/requests/" + id + "/" + decision, Map.of("_csrf", PortalHttp.csrfToken(page)));
	}

	private String status(UUID id) {
		return this.jdbc.queryForObject("select status from token_request where id = ?", String.class, id);
	}

	private List<String> actions(UUID id) {
		return this.jdbc.queryForList("select action from audit_event where request_id = ? order by seq", String.class,
				id);
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

}
