package dev.gitlabsandbox;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's cross-cutting behaviour: authentication, scopes, error shapes, {@code :id}
 * resolution (gitlab-api.md §1, §8.4) and the user endpoints (§6.3).
 *
 * @author Token Portal team
 */
class ApiConventionsTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void requestWithoutCredentialsIsUnauthorized() {
		SandboxClient.Response response = sandbox.client().send(sandbox.client().request("/api/v4/user"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void requestWithUnknownTokenIsUnauthorized() {
		assertThat(sandbox.client().get("/api/v4/user", "glpat-not-a-real-token").body())
			.isEqualTo("{\"message\":\"401 Unauthorized\"}");
	}

	@Test
	void requestWithExpiredTokenGetsTheInvalidTokenBody() {
		String expired = sandbox.gitlab()
			.state()
			.createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), sandbox.gitlab().state().today());
		SandboxClient.Response response = sandbox.client().get("/api/v4/user", expired);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":"
				+ "\"Token is expired. You can either do re-authorization or token refresh.\"}");
	}

	@Test
	void requestWithRevokedTokenGetsTheInvalidTokenBody() {
		String value = sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), null);
		sandbox.gitlab()
			.state()
			.revokeToken(sandbox.gitlab().state().tokens().get(sandbox.gitlab().state().tokens().size() - 1).id());
		SandboxClient.Response response = sandbox.client().get("/api/v4/user", value);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error_description").asString())
			.isEqualTo("Token was revoked. You have to re-authorize from the user.");
	}

	@Test
	void personalAccessTokenWorksAsBearerAndAsQueryParameter() {
		SandboxClient.Response bearer = sandbox.client()
			.send(sandbox.client()
				.request("/api/v4/user")
				.header("Authorization", "Bearer " + SandboxSeed.ALICE_TOKEN));
		SandboxClient.Response query = sandbox.client()
			.send(sandbox.client().request("/api/v4/user?private_token=" + SandboxSeed.ALICE_TOKEN));
		assertThat(bearer.json().get("username").asString()).isEqualTo("alice");
		assertThat(query.json().get("username").asString()).isEqualTo("alice");
	}

	@Test
	void readApiScopeAllowsReadsButNotWrites() {
		String readApi = sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.BOB, List.of("read_api"), null);
		String tokens = "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens";
		assertThat(sandbox.client().get(tokens, readApi).status()).isEqualTo(200);
		SandboxClient.Response create = sandbox.client()
			.post(tokens, readApi, Map.of("name", "t", "scopes", List.of("api")));
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.body()).isEqualTo("{\"error\":\"insufficient_scope\",\"error_description\":"
				+ "\"The request requires higher privileges than provided by the access token.\",\"scope\":\"api\"}");
		assertThat(sandbox.client().delete(tokens + "/1", readApi).status()).isEqualTo(403);
	}

	@Test
	void scopeIsCheckedBeforeParameters() {
		String readUser = sandbox.gitlab()
			.state()
			.createPersonalAccessToken(SandboxSeed.BOB, List.of("read_user"), null);
		assertThat(sandbox.client().get("/api/v4/user", readUser).status()).isEqualTo(200);
		SandboxClient.Response list = sandbox.client().get("/api/v4/projects/11/access_tokens?state=bogus", readUser);
		assertThat(list.status()).isEqualTo(403);
		assertThat(list.json().get("scope").asString()).isEqualTo("api read_api");
	}

	@Test
	void unknownRouteIsGrapeNotFound() {
		SandboxClient.Response response = sandbox.client().get("/api/v4/nothing/here", SandboxSeed.ALICE_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"404 Not Found\"}");
	}

	@Test
	void projectPathMustBeUrlEncoded() {
		SandboxClient.Response encoded = sandbox.client()
			.get("/api/v4/projects/platform%2Fbackend%2Fapi", SandboxSeed.BOB_TOKEN);
		SandboxClient.Response raw = sandbox.client()
			.get("/api/v4/projects/platform/backend/api", SandboxSeed.BOB_TOKEN);
		SandboxClient.Response name = sandbox.client().get("/api/v4/projects/api", SandboxSeed.BOB_TOKEN);
		assertThat(encoded.json().get("id").asLong()).isEqualTo(SandboxSeed.API_ID);
		assertThat(raw.body()).isEqualTo("{\"error\":\"404 Not Found\"}");
		assertThat(name.body()).isEqualTo("{\"message\":\"404 Project Not Found\"}");
	}

	@Test
	void groupResolvesByIdOrFullPath() {
		JsonNode byId = sandbox.client()
			.get("/api/v4/groups/" + SandboxSeed.PLATFORM_BACKEND_ID, SandboxSeed.BOB_TOKEN)
			.json();
		JsonNode byPath = sandbox.client().get("/api/v4/groups/platform%2Fbackend", SandboxSeed.BOB_TOKEN).json();
		assertThat(byId).isEqualTo(byPath);
		assertThat(byPath.get("full_path").asString()).isEqualTo("platform/backend");
		assertThat(byPath.get("full_name").asString()).isEqualTo("Platform / Backend");
		assertThat(byPath.get("parent_id").asLong()).isEqualTo(SandboxSeed.PLATFORM_ID);
		assertThat(byPath.get("web_url").asString()).isEqualTo(sandbox.gitlab().baseUrl() + "/groups/platform/backend");
	}

	@Test
	void versionIsConfigurable() {
		assertThat(sandbox.client().get("/api/v4/version", SandboxSeed.ALICE_TOKEN).body())
			.isEqualTo("{\"version\":\"17.8.0\",\"revision\":\"sandbox\"}");
		sandbox.gitlab().settings().version("16.11.2");
		assertThat(sandbox.client().get("/api/v4/version", SandboxSeed.ALICE_TOKEN).json().get("version").asString())
			.isEqualTo("16.11.2");
	}

	@Test
	void currentUserShowsIsAdminOnlyForAdmins() {
		JsonNode alice = sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).json();
		JsonNode service = sandbox.client().get("/api/v4/user", SandboxSeed.SERVICE_TOKEN).json();
		assertThat(alice.get("id").asLong()).isEqualTo(SandboxSeed.ALICE_ID);
		assertThat(alice.get("name").asString()).isEqualTo("Alice Developer");
		assertThat(alice.get("email").asString()).isEqualTo("alice@example.test");
		assertThat(alice.has("is_admin")).isFalse();
		assertThat(service.get("username").asString()).isEqualTo(SandboxSeed.SERVICE_ACCOUNT);
		assertThat(service.get("is_admin").asBoolean()).isTrue();
	}

	@Test
	void usersAreFoundByIdAndUsername() {
		assertThat(sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.CAROL_ID, SandboxSeed.ALICE_TOKEN)
			.json()
			.get("username")
			.asString()).isEqualTo("carol");
		SandboxClient.Response byUsername = sandbox.client()
			.get("/api/v4/users?username=CAROL", SandboxSeed.ALICE_TOKEN);
		assertThat(byUsername.json()).extracting((user) -> user.get("id").asLong())
			.containsExactly(SandboxSeed.CAROL_ID);
		assertThat(sandbox.client().get("/api/v4/users/4242", SandboxSeed.ALICE_TOKEN).body())
			.isEqualTo("{\"message\":\"404 User Not Found\"}");
	}

	@Test
	void currentTokenDescribesThePersonalAccessToken() {
		JsonNode token = sandbox.client().get("/api/v4/personal_access_tokens/self", SandboxSeed.SERVICE_TOKEN).json();
		assertThat(token.get("user_id").asLong()).isEqualTo(SandboxSeed.SERVICE_ACCOUNT_ID);
		assertThat(token.get("scopes")).extracting(JsonNode::asString).containsExactly("api", "admin_mode");
		assertThat(token.get("active").asBoolean()).isTrue();
		assertThat(token.has("access_level")).isFalse();
		assertThat(token.get("last_used_at").isNull()).isFalse();
	}

	@Test
	void requestIdIsEchoedOrGenerated() {
		SandboxClient.Response echoed = sandbox.client()
			.send(sandbox.client()
				.request("/api/v4/version")
				.header("PRIVATE-TOKEN", SandboxSeed.ALICE_TOKEN)
				.header("X-Request-Id", "trace-123"));
		assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-123");
		assertThat(sandbox.client().get("/api/v4/version", SandboxSeed.ALICE_TOKEN).header("X-Request-Id"))
			.isNotBlank();
	}

	@Test
	void headIsServedByGetRoutesWithoutBody() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client()
				.request("/api/v4/projects?membership=true")
				.header("PRIVATE-TOKEN", SandboxSeed.ALICE_TOKEN)
				.method("HEAD", BodyPublishers.noBody()));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
		assertThat(response.header("X-Total")).isEqualTo("30");
	}

	@Test
	void malformedJsonBodyIsRejected() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client()
				.request("/api/v4/projects/11/access_tokens")
				.header("PRIVATE-TOKEN", SandboxSeed.BOB_TOKEN)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"name\":")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().has("error")).isTrue();
	}

}
