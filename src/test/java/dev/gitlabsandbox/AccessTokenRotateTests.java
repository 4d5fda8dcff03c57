package dev.gitlabsandbox;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating project and group access tokens: gitlab-api.md §10 cases 31–37 and §2.5.
 *
 * @author Token Portal team
 */
class AccessTokenRotateTests {

	private static final String WEB_TOKENS = "/api/v4/projects/" + SandboxSeed.WEB_ID + "/access_tokens";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@ParameterizedTest
	@EnumSource
	void rotateByOwnerReturnsANewTokenThatExpiresInAWeek(ResourceKind resource) {
		JsonNode old = create(resource.tokens(), PRIVILEGED_TOKEN,
				Map.of("name", "deploy", "description", "CD", "scopes", List.of("read_api", "read_repository")));
		SandboxClient.Response response = rotate(resource.tokens(), old, PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		JsonNode rotated = response.json();
		assertThat(rotated.get("id").asLong()).isNotEqualTo(old.get("id").asLong());
		assertThat(rotated.get("token").asString()).startsWith("glpat-").isNotEqualTo(old.get("token").asString());
		assertThat(rotated.get("expires_at").asString())
			.isEqualTo(sandbox.gitlab().state().today().plusDays(7).toString());
		assertThat(rotated.get("name").asString()).isEqualTo("deploy");
		assertThat(rotated.get("description").asString()).isEqualTo("CD");
		assertThat(rotated.get("scopes")).extracting(JsonNode::asString).containsExactly("read_api", "read_repository");
		assertThat(rotated.get("user_id").asLong()).isEqualTo(old.get("user_id").asLong());
		assertThat(sandbox.gitlab().state().token(old.get("id").asLong()).orElseThrow().revoked()).isTrue();
		assertThat(sandbox.gitlab().issuedTokenValues()).endsWith(old.get("token").asString(),
				rotated.get("token").asString());
	}

	@Test
	void rotateOfOwnerLevelProjectTokenByMaintainerIsNotEligible() {
		JsonNode owner = create(WEB_TOKENS, SandboxSeed.BOB_TOKEN,
				Map.of("name", "t", "scopes", List.of("api"), "access_level", 50));
		SandboxClient.Response response = rotate(WEB_TOKENS, owner, SandboxSeed.ALICE_TOKEN);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo(
				"{\"message\":\"400 Bad request - Not eligible to rotate token with access level higher than the user\"}");
	}

	@Test
	void rotateOfMaintainerLevelProjectTokenByMaintainerSucceeds() {
		JsonNode maintainer = create(WEB_TOKENS, SandboxSeed.BOB_TOKEN, Map.of("name", "t", "scopes", List.of("api")));
		SandboxClient.Response response = rotate(WEB_TOKENS, maintainer, SandboxSeed.ALICE_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("expires_at").asString())
			.isEqualTo(sandbox.gitlab().state().today().plusDays(7).toString());
	}

	@Test
	void rotateOfGroupTokenByMaintainerIsUnauthorized() {
		JsonNode token = create(ResourceKind.GROUP.tokens(), PRIVILEGED_TOKEN, ResourceKind.GROUP.tokenRequest("t"));
		SandboxClient.Response response = rotate(ResourceKind.GROUP.tokens(), token, SandboxSeed.ERIN_TOKEN);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
	}

	@ParameterizedTest
	@EnumSource
	void rotateWithExpiryUsesIt(ResourceKind resource) {
		JsonNode token = create(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("t"));
		String inAMonth = sandbox.gitlab().state().today().plusMonths(1).toString();
		SandboxClient.Response response = sandbox.client()
			.post(path(resource.tokens(), token) + "/rotate", PRIVILEGED_TOKEN, Map.of("expires_at", inAMonth));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("expires_at").asString()).isEqualTo(inAMonth);
	}

	@Test
	void rotateByDeveloperIsUnauthorized() {
		JsonNode token = create(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN,
				ResourceKind.PROJECT.tokenRequest("t"));
		assertThat(rotate(ResourceKind.PROJECT.tokens(), token, SandboxSeed.ALICE_TOKEN).status()).isEqualTo(401);
	}

	@ParameterizedTest
	@EnumSource
	void rotateOfRevokedTokenIsBadRequest(ResourceKind resource) {
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
		JsonNode token = create(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("t"));
		sandbox.client().delete(path(resource.tokens(), token), PRIVILEGED_TOKEN);
		SandboxClient.Response response = rotate(resource.tokens(), token, PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString()).isEqualTo("400 Bad request - Token already revoked");
	}

	@ParameterizedTest
	@EnumSource
	void rotateBeyondTheMaximumLifetimeIsBadRequest(ResourceKind resource) {
		JsonNode token = create(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("t"));
		String tooLate = sandbox.gitlab().state().today().plusDays(366).toString();
		SandboxClient.Response response = sandbox.client()
			.post(path(resource.tokens(), token) + "/rotate", PRIVILEGED_TOKEN, Map.of("expires_at", tooLate));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - Expires at must be before " + sandbox.gitlab().state().today().plusDays(365));
		assertThat(sandbox.gitlab().state().token(token.get("id").asLong()).orElseThrow().revoked()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void rotateOfUnknownTokenIsUnauthorizedForUsersAndNotFoundForAdmins(ResourceKind resource) {
		String unknown = resource.tokens() + "/424242/rotate";
		SandboxClient.Response developer = sandbox.client().post(unknown, resource.nonPrivilegedToken, Map.of());
		SandboxClient.Response admin = sandbox.client().post(unknown, SandboxSeed.SERVICE_TOKEN, Map.of());
		assertThat(developer.status()).isEqualTo(401);
		assertThat(admin.status()).isEqualTo(404);
		assertThat(admin.body()).isEqualTo("{\"message\":\"404 Not Found\"}");
	}

	@Test
	void rotateIsNotManageableWhereCreationIsDisabled() {
		sandbox.gitlab().state().setTokenCreationAllowed(SandboxSeed.LEGACY, true);
		String monolith = "/api/v4/projects/" + SandboxSeed.MONOLITH_ID + "/access_tokens";
		JsonNode token = create(monolith, SandboxSeed.SERVICE_TOKEN, Map.of("name", "t", "scopes", List.of("api")));
		sandbox.gitlab().state().setTokenCreationAllowed(SandboxSeed.LEGACY, false);
		assertThat(rotate(monolith, token, SandboxSeed.SERVICE_TOKEN).status()).isEqualTo(404);
	}

	@Test
	void rotateRouteIsUnknownOnAnOldGitLab() {
		JsonNode token = create(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN,
				ResourceKind.PROJECT.tokenRequest("t"));
		sandbox.gitlab().settings().rotateAvailable(false);
		SandboxClient.Response response = rotate(ResourceKind.PROJECT.tokens(), token, PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"error\":\"404 Not Found\"}");
	}

	@Test
	void presentingARotatedAwayTokenOnARotatePathRevokesTheWholeFamily() {
		String tokens = ResourceKind.PROJECT.tokens();
		JsonNode first = create(tokens, PRIVILEGED_TOKEN, ResourceKind.PROJECT.tokenRequest("t"));
		JsonNode second = rotate(tokens, first, PRIVILEGED_TOKEN).json();
		SandboxClient.Response reuse = rotate(tokens, second, first.get("token").asString());
		assertThat(reuse.status()).isEqualTo(401);
		assertThat(reuse.json().get("error").asString()).isEqualTo("invalid_token");
		assertThat(sandbox.gitlab().state().token(second.get("id").asLong()).orElseThrow().revoked()).isTrue();
	}

	private static JsonNode create(String tokens, String credential, Map<String, Object> request) {
		SandboxClient.Response response = sandbox.client().post(tokens, credential, request);
		assertThat(response.status()).isEqualTo(201);
		return response.json();
	}

	private static SandboxClient.Response rotate(String tokens, JsonNode token, String credential) {
		return sandbox.client().post(path(tokens, token) + "/rotate", credential, Map.of());
	}

	private static String path(String tokens, JsonNode token) {
		return tokens + "/" + token.get("id").asLong();
	}

}
