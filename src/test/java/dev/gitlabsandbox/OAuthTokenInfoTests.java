package dev.gitlabsandbox;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Doorkeeper's {@code GET /oauth/token/info} (gitlab-api.md §7.1), and
 * {@code /personal_access_tokens/self} refusing OAuth tokens (§2.7): how the portal's API
 * learns an OAuth token's scopes.
 *
 * @author Token Portal team
 */
class OAuthTokenInfoTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void tokenInfoGivesTheOwnerScopesAndSecondsLeft() {
		String token = sandbox.gitlab().oauthAccessToken(SandboxSeed.BOB_ID, List.of("read_api", "openid"));
		SandboxClient.Response response = bearer("/oauth/token/info", token);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("resource_owner_id").asLong()).isEqualTo(SandboxSeed.BOB_ID);
		assertThat(response.json().get("scope").toString()).isEqualTo("[\"read_api\",\"openid\"]");
		assertThat(response.json().get("expires_in").asLong()).isBetween(7000L, 7200L);
	}

	@Test
	void tokenInfoRefusesAPersonalAccessTokenAndARevokedOAuthToken() {
		assertThat(bearer("/oauth/token/info", SandboxSeed.BOB_TOKEN).status()).isEqualTo(401);
		String token = sandbox.gitlab().oauthAccessToken(SandboxSeed.BOB_ID, List.of("api"));
		sandbox.gitlab().state().oauth().revoke(token);
		SandboxClient.Response revoked = bearer("/oauth/token/info", token);
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.json().get("error").asString()).isEqualTo("invalid_token");
	}

	@Test
	void personalAccessTokenSelfRefusesAnOAuthToken() {
		String token = sandbox.gitlab().oauthAccessToken(SandboxSeed.BOB_ID, List.of("api"));
		SandboxClient.Response response = bearer("/api/v4/personal_access_tokens/self", token);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - This endpoint requires token type to be a personal access token");
	}

	@Test
	void revokedPersonalAccessTokenIsRefusedAsBearer() {
		String value = sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.BOB, List.of("api"), null);
		assertThat(bearer("/api/v4/personal_access_tokens/self", value).status()).isEqualTo(200);
		sandbox.gitlab().revokePersonalAccessToken(value);
		assertThat(bearer("/api/v4/personal_access_tokens/self", value).status()).isEqualTo(401);
	}

	private static SandboxClient.Response bearer(String path, String token) {
		return sandbox.client().send(sandbox.client().request(path).header("Authorization", "Bearer " + token));
	}

}
