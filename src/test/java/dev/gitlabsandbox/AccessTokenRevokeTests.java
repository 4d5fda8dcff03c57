package dev.gitlabsandbox;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revoking project and group access tokens in both eras: gitlab-api.md §10 cases 16–20
 * and §2.4.
 *
 * @author Token Portal team
 */
class AccessTokenRevokeTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@ParameterizedTest
	@EnumSource
	void revokeInRetainedModeKeepsTheBotAndListsTheTokenAsRevoked(ResourceKind resource) {
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
		JsonNode token = createToken(resource, "deploy");
		SandboxClient.Response response = sandbox.client().delete(tokenPath(resource, token), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(sandbox.gitlab().state().user(token.get("user_id").asLong())).isPresent();
		JsonNode listed = sandbox.client().get(tokenPath(resource, token), PRIVILEGED_TOKEN).json();
		assertThat(listed.get("revoked").asBoolean()).isTrue();
		assertThat(listed.get("active").asBoolean()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void revokeInLegacyModeDeletesTheBotSoTheTokenVanishes(ResourceKind resource) {
		JsonNode token = createToken(resource, "deploy");
		assertThat(sandbox.client().delete(tokenPath(resource, token), PRIVILEGED_TOKEN).status()).isEqualTo(204);
		assertThat(sandbox.gitlab().state().user(token.get("user_id").asLong())).isEmpty();
		assertThat(sandbox.client().get(tokenPath(resource, token), PRIVILEGED_TOKEN).status()).isEqualTo(404);
		assertThat(sandbox.client().get(resource.tokens(), PRIVILEGED_TOKEN).body()).isEqualTo("[]");
	}

	@ParameterizedTest
	@EnumSource
	void revokedTokenNoLongerAuthenticates(ResourceKind resource) {
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
		JsonNode token = createToken(resource, "deploy");
		sandbox.client().delete(tokenPath(resource, token), PRIVILEGED_TOKEN);
		SandboxClient.Response response = sandbox.client().get("/api/v4/user", token.get("token").asString());
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error_description").asString())
			.isEqualTo("Token was revoked. You have to re-authorize from the user.");
	}

	@ParameterizedTest
	@EnumSource
	void revokeAnotherBotsTokenRevokesOnlyThatToken(ResourceKind resource) {
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
		JsonNode first = createToken(resource, "first");
		JsonNode second = createToken(resource, "second");
		assertThat(sandbox.client().delete(tokenPath(resource, second), PRIVILEGED_TOKEN).status()).isEqualTo(204);
		assertThat(sandbox.client().get(tokenPath(resource, first), PRIVILEGED_TOKEN).json().get("revoked").asBoolean())
			.isFalse();
		assertThat(sandbox.gitlab().state().user(second.get("user_id").asLong())).isPresent();
	}

	@ParameterizedTest
	@EnumSource
	void revokeUnknownTokenIsNotFound(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().delete(resource.tokens() + "/424242", PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("message").asString())
			.isEqualTo("404 Could not find " + resource.label + " access token with token_id: 424242 Not Found");
	}

	@ParameterizedTest
	@EnumSource
	void revokeTokenOfAnotherResourceIsNotFound(ResourceKind resource) {
		JsonNode theirs = sandbox.client()
			.post(resource.tokens(resource.otherId), PRIVILEGED_TOKEN, resource.tokenRequest("x"))
			.json();
		SandboxClient.Response response = sandbox.client().delete(tokenPath(resource, theirs), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).contains("Could not find " + resource.label + " access token with token_id: ");
		assertThat(sandbox.gitlab().state().token(theirs.get("id").asLong()).orElseThrow().revoked()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void revokeByNonPrivilegedUserIsBadRequestNamingCallerAndBot(ResourceKind resource) {
		JsonNode token = createToken(resource, "deploy-bot");
		SandboxClient.Response response = sandbox.client()
			.delete(tokenPath(resource, token), resource.nonPrivilegedToken);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - " + resource.nonPrivilegedName + " cannot delete deploy-bot");
		assertThat(sandbox.gitlab().state().user(token.get("user_id").asLong())).isPresent();
		assertThat(sandbox.gitlab().state().token(token.get("id").asLong()).orElseThrow().revoked()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void revokeByNonPrivilegedUserLooksTheTokenUpFirst(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.delete(resource.tokens() + "/424242", resource.nonPrivilegedToken);
		assertThat(response.status()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource
	void secondRevokeIsNotFoundInLegacyModeAndNoContentInRetainedMode(ResourceKind resource) {
		JsonNode legacy = createToken(resource, "legacy");
		sandbox.client().delete(tokenPath(resource, legacy), PRIVILEGED_TOKEN);
		assertThat(sandbox.client().delete(tokenPath(resource, legacy), PRIVILEGED_TOKEN).status()).isEqualTo(404);
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
		JsonNode retained = createToken(resource, "retained");
		sandbox.client().delete(tokenPath(resource, retained), PRIVILEGED_TOKEN);
		assertThat(sandbox.client().delete(tokenPath(resource, retained), PRIVILEGED_TOKEN).status()).isEqualTo(204);
	}

	@ParameterizedTest
	@EnumSource
	void revokeStillWorksWhenCreationIsDisabled(ResourceKind resource) {
		JsonNode token = createToken(resource, "deploy");
		sandbox.gitlab().state().setTokenCreationAllowed(SandboxSeed.PLATFORM, false);
		assertThat(sandbox.client().delete(tokenPath(resource, token), PRIVILEGED_TOKEN).status()).isEqualTo(204);
	}

	private static JsonNode createToken(ResourceKind resource, String name) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest(name));
		assertThat(response.status()).isEqualTo(201);
		return response.json();
	}

	private static String tokenPath(ResourceKind resource, JsonNode token) {
		return resource.tokens() + "/" + token.get("id").asLong();
	}

}
