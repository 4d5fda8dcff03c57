package dev.tokenportal.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API on the whole portal, over real HTTP, with the GitLab sandbox and PostgreSQL:
 * GitLab tokens of different users and scopes, expired and revoked tokens, another user's
 * request, idempotent retries, and that neither a session is made nor a session cookie is
 * taken.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiIntegrationTests {

	private static final String PROBLEMS = "https://token-portal.dev/problems/";

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	ApiCallerVerifier verifier;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
		this.verifier.forgetAll();
	}

	@Test
	void withoutATokenTheAnswerIsA401ProblemAndASessionCookieAloneDoesNotAuthenticate() {
		ApiClient.Response none = new ApiClient(this.port, null).get("/api/v1/requests");
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("Content-Type")).startsWith("application/problem+json");
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(none.json().get("type").asString()).isEqualTo(PROBLEMS + "unauthenticated");
		assertThat(none.json().get("title").asString()).isEqualTo("GitLab token needed");

		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs("alice");
		String session = browser.sessionCookie().orElseThrow();
		assertThat(browser.get("/requests").status()).isEqualTo(200);
		ApiClient.Response withCookie = new ApiClient(this.port, null).withCookie("SESSION=" + session)
			.get("/api/v1/requests");
		assertThat(withCookie.status()).isEqualTo(401);

		ApiClient.Response ok = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN).get("/api/v1/requests");
		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.header("Set-Cookie")).isNull();
		assertThat(none.header("Set-Cookie")).isNull();
	}

	@Test
	void scopesDecideWhatATokenMayDo() {
		String repositoryOnly = this.sandbox.state()
			.createPersonalAccessToken(SandboxSeed.ALICE, List.of("read_repository"), null);
		ApiClient.Response refused = new ApiClient(this.port, repositoryOnly).get("/api/v1/requests");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("type").asString()).isEqualTo(PROBLEMS + "insufficient-scope");
		assertThat(refused.json().get("detail").asString()).contains("read_api").contains("read_repository");
		assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");

		String readApi = this.sandbox.state().createPersonalAccessToken(SandboxSeed.ALICE, List.of("read_api"), null);
		ApiClient reader = new ApiClient(this.port, readApi);
		assertThat(reader.get("/api/v1/tokens").status()).isEqualTo(200);
		ApiClient.Response write = reader.post("/api/v1/requests", lowTierRequest("reader"));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.json().get("detail").asString()).contains("the api scope");
	}

	@Test
	void expiredAndRevokedGitLabTokensAre401InvalidToken() {
		String expired = this.sandbox.state()
			.createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), this.sandbox.state().today());
		ApiClient.Response expiredAnswer = new ApiClient(this.port, expired).get("/api/v1/requests");
		assertThat(expiredAnswer.status()).isEqualTo(401);
		assertThat(expiredAnswer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(expiredAnswer.json().get("type").asString()).isEqualTo(PROBLEMS + "invalid-token");

		String revoked = this.sandbox.state().createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), null);
		this.sandbox.revokePersonalAccessToken(revoked);
		assertThat(new ApiClient(this.port, revoked).get("/api/v1/requests").status()).isEqualTo(401);
		assertThat(new ApiClient(this.port, "glpat-no-such-token").get("/api/v1/requests").status()).isEqualTo(401);
	}

	@Test
	void anOAuthTokenWorksWithTheScopesGitLabGrantedIt() {
		String oauth = this.sandbox.oauthAccessToken(SandboxSeed.ALICE_ID, List.of("openid", "read_api"));
		ApiClient alice = new ApiClient(this.port, oauth);
		assertThat(alice.get("/api/v1/requests").status()).isEqualTo(200);
		assertThat(alice.post("/api/v1/requests/preview", lowTierRequest("oauth")).status()).isEqualTo(403);
		String writer = this.sandbox.oauthAccessToken(SandboxSeed.ALICE_ID, List.of("api"));
		ApiClient.Response preview = new ApiClient(this.port, writer).post("/api/v1/requests/preview",
				lowTierRequest("oauth"));
		assertThat(preview.status()).isEqualTo(200);
		assertThat(preview.json().get("outcome").asString()).isEqualTo("LOW");
	}

	@Test
	void submitApproveCreateRenewAndRevokeWithIdempotentRetries() {
		ApiClient alice = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN);
		String body = standardTierRequest("deploy-" + UUID.randomUUID().toString().substring(0, 8));
		String key = UUID.randomUUID().toString();

		ApiClient.Response submitted = alice.key(key).post("/api/v1/requests", body);
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
		String id = submitted.json().get("id").asString();
		assertThat(submitted.header("Location")).isEqualTo("/api/v1/requests/" + id);
		assertThat(submitted.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
		assertThat(submitted.json().get("tier").asString()).isEqualTo("STANDARD");

		ApiClient.Response retried = alice.key(key).post("/api/v1/requests", body);
		assertThat(retried.status()).isEqualTo(201);
		assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(retried.json().get("id").asString()).isEqualTo(id);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM token_request WHERE token_name = ?", Long.class,
				submitted.json().get("tokenName").asString()))
			.isEqualTo(1L);
		ApiClient.Response reused = alice.key(key).post("/api/v1/requests", standardTierRequest("other-name"));
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.json().get("type").asString()).isEqualTo(PROBLEMS + "idempotency-key-reused");
		alice.key(null);

		ApiClient mallory = new ApiClient(this.port, SandboxSeed.MALLORY_TOKEN);
		ApiClient.Response hidden = mallory.get("/api/v1/requests/" + id);
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.json().get("type").asString()).isEqualTo(PROBLEMS + "request-not-found");
		assertThat(mallory.post("/api/v1/requests/" + id + "/approvals", null).status()).isEqualTo(404);
		assertThat(mallory.post("/api/v1/requests/" + id + "/cancellation", null).status()).isEqualTo(404);
		assertThat(alice.post("/api/v1/requests/" + id + "/approvals", null).status()).isEqualTo(409);

		ApiClient.Response approved = new ApiClient(this.port, SandboxSeed.CAROL_TOKEN)
			.post("/api/v1/requests/" + id + "/approvals", null);
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");

		JsonNode seen = alice.get("/api/v1/requests/" + id).json();
		assertThat(seen.get("approvals").get(0).get("approver").asString()).isEqualTo("carol");
		assertThat(seen.get("history").toString()).contains("request.submitted", "approval");

		String createKey = UUID.randomUUID().toString();
		ApiClient.Response created = alice.key(createKey).post("/api/v1/requests/" + id + "/token", null);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Cache-Control")).contains("no-store");
		String value = created.json().get("value").asString();
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		long tokenId = created.json().get("gitlabTokenId").asLong();

		ApiClient.Response again = alice.key(createKey).post("/api/v1/requests/" + id + "/token", null);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("alreadyCreated").asBoolean()).isTrue();
		assertThat(again.json().get("gitlabTokenId").asLong()).isEqualTo(tokenId);
		assertThat(again.body()).doesNotContain(value);
		assertThat(this.jdbc.queryForList("SELECT response_body::text FROM api_idempotency_key", String.class))
			.noneMatch((stored) -> stored != null && stored.contains(value));
		ApiClient.Response withoutKey = alice.key(null).post("/api/v1/requests/" + id + "/token", null);
		assertThat(withoutKey.status()).isEqualTo(409);
		assertThat(withoutKey.json().get("currentStatus").asString()).isEqualTo("ISSUED");

		JsonNode tokens = alice.get("/api/v1/tokens?state=active").json();
		assertThat(tokens.get("items").toString()).contains(id);

		ApiClient.Response renewed = alice.post("/api/v1/tokens/" + id + "/renewal", null);
		assertThat(renewed.status()).as(renewed.toString()).isEqualTo(202);
		assertThat(renewed.json().get("outcome").asString()).isEqualTo("awaiting-approval");
		assertThat(renewed.header("Location")).startsWith("/api/v1/requests/");

		assertThat(mallory.delete("/api/v1/tokens/" + id).status()).isEqualTo(404);
		assertThat(alice.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
		assertThat(alice.get("/api/v1/requests/" + id).json().get("status").asString()).isEqualTo("REVOKED");
	}

	@Test
	void badInputIsA400NamingTheFieldsAndRefusalsAreProblems() {
		ApiClient alice = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN);
		ApiClient.Response empty = alice.post("/api/v1/requests", "{\"target\":\"project:11\",\"scopes\":[]}");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.json().get("type").asString()).isEqualTo(PROBLEMS + "invalid-request");
		assertThat(empty.json().get("errors").toString()).contains("\"tokenName\"", "\"justification\"", "\"scopes\"");

		ApiClient.Response wrongType = alice.post("/api/v1/requests", "{\"accessLevel\":\"lots\"}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("accessLevel");
		assertThat(alice.post("/api/v1/requests", "{not json").status()).isEqualTo(400);
		assertThat(alice.get("/api/v1/requests/not-a-uuid").status()).isEqualTo(400);

		String id = alice.post("/api/v1/requests", standardTierRequest("to-reject")).json().get("id").asString();
		ApiClient carol = new ApiClient(this.port, SandboxSeed.CAROL_TOKEN);
		ApiClient.Response noReason = carol.post("/api/v1/requests/" + id + "/rejection", "{}");
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
		ApiClient.Response pastedToken = carol.post("/api/v1/requests/" + id + "/rejection",
				"{\"reason\":\"use glpat-AbCdEfGhIjKlMnOpQrSt1234 instead\"}");
		assertThat(pastedToken.status()).isEqualTo(400);
		assertThat(pastedToken.body()).contains("looks like it holds a GitLab token").doesNotContain("glpat-");
		ApiClient.Response rejected = carol.post("/api/v1/requests/" + id + "/rejection",
				"{\"reason\":\"Use the shared deploy token\"}");
		assertThat(rejected.status()).isEqualTo(200);
		assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");

		String other = alice.post("/api/v1/requests", standardTierRequest("to-cancel")).json().get("id").asString();
		assertThat(alice.post("/api/v1/requests/" + other + "/cancellation", null).json().get("status").asString())
			.isEqualTo("CANCELLED");
		ApiClient.Response twice = alice.post("/api/v1/requests/" + other + "/cancellation", null);
		assertThat(twice.status()).isEqualTo(409);
		assertThat(twice.json().get("type").asString()).isEqualTo(PROBLEMS + "illegal-transition");
	}

	@Test
	void listsArePagedByKeyset() {
		ApiClient alice = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN);
		String id = alice.post("/api/v1/requests", lowTierRequest("listed")).json().get("id").asString();
		JsonNode approved = alice.get("/api/v1/requests?status=APPROVED&q=listed").json();
		assertThat(approved.get("items").toString()).contains(id);
		assertThat(alice.get("/api/v1/requests?status=REJECTED&q=listed").json().get("items").toString())
			.doesNotContain(id);
		ApiClient.Response badCursor = alice.get("/api/v1/requests?after=nonsense");
		assertThat(badCursor.status()).isEqualTo(400);
		assertThat(badCursor.json().get("errors").get(0).get("field").asString()).isEqualTo("after");
		assertThat(alice.get("/api/v1/tokens?state=nonsense").status()).isEqualTo(400);
	}

	@Test
	void theCallersGitLabTokenIsNeitherLoggedNorStored(CapturedOutput output) {
		String token = this.sandbox.state().createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), null);
		ApiClient alice = new ApiClient(this.port, token).key(UUID.randomUUID().toString());
		String id = alice.post("/api/v1/requests", lowTierRequest("secret-check")).json().get("id").asString();
		alice.key(null);
		assertThat(alice.get("/api/v1/requests/" + id).status()).isEqualTo(200);
		this.sandbox.revokePersonalAccessToken(token);
		this.verifier.forgetAll();
		assertThat(alice.get("/api/v1/requests/" + id).status()).isEqualTo(401);

		assertThat(output.getAll()).doesNotContain(token);
		assertThat(IssuanceTestSupport.dumpDatabase(this.jdbc)).doesNotContain(token);
	}

	private static String lowTierRequest(String name) {
		return """
				{"target":"project:%d","tokenName":"%s","scopes":["read_api"],"accessLevel":20,
				 "expiresOn":"%s","justification":"The nightly job reads the package registry"}"""
			.formatted(SandboxSeed.API_ID, name, LocalDate.now().plusDays(20));
	}

	private static String standardTierRequest(String name) {
		return """
				{"target":"project:%d","tokenName":"%s","scopes":["read_api"],"accessLevel":30,
				 "expiresOn":"%s","justification":"Deploys the API from the release pipeline"}"""
			.formatted(SandboxSeed.API_ID, name, LocalDate.now().plusDays(60));
	}

}
