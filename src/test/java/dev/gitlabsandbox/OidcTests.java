package dev.gitlabsandbox;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitLab as OAuth2/OIDC provider: gitlab-api.md §10 cases 64–69 and §7, driven over HTTP
 * the way a browser and Spring Security would.
 *
 * @author Token Portal team
 */
class OidcTests {

	private static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/gitlab";

	private static final String VERIFIER = "a-pkce-code-verifier-that-is-long-enough-0123456789";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void discoveryDocumentNamesTheSandboxAsIssuer() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client().request("/.well-known/openid-configuration"));
		JsonNode configuration = response.json();
		assertThat(response.status()).isEqualTo(200);
		assertThat(configuration.get("issuer").asString()).isEqualTo(sandbox.gitlab().baseUrl());
		assertThat(configuration.get("jwks_uri").asString())
			.isEqualTo(sandbox.gitlab().baseUrl() + "/oauth/discovery/keys");
		assertThat(configuration.get("authorization_endpoint").asString())
			.isEqualTo(sandbox.gitlab().baseUrl() + "/oauth/authorize");
		assertThat(configuration.get("code_challenge_methods_supported")).extracting(JsonNode::asString)
			.containsExactly("plain", "S256");
		assertThat(configuration.get("id_token_signing_alg_values_supported")).extracting(JsonNode::asString)
			.containsExactly("RS256");
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD");
	}

	@Test
	void authorizationCodeFlowWithPkceSignsInThroughTheLoginPage() throws Exception {
		SandboxClient.Response page = sandbox.client()
			.send(sandbox.client().request(authorizePath("openid profile email", null)));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Sign in to the GitLab sandbox</title>")
			.contains("id=\"login-alice\"")
			.contains("data-username=\"alice\"");
		Map<String, String> form = hiddenFields(page.body());
		form.put("username", "alice");
		SandboxClient.Response redirect = sandbox.client().postForm("/oauth/authorize", form);
		assertThat(redirect.status()).isEqualTo(302);
		String location = redirect.header("Location");
		assertThat(location).startsWith(REDIRECT_URI + "?code=").endsWith("&state=xyz%20state");
		JsonNode tokens = exchange(codeOf(location), VERIFIER);
		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.get("expires_in").asInt()).isEqualTo(7200);
		assertThat(tokens.get("scope").asString()).isEqualTo("openid profile email");
		JWTClaimsSet claims = verifiedIdToken(tokens.get("id_token").asString());
		assertThat(claims.getIssuer()).isEqualTo(sandbox.gitlab().baseUrl());
		assertThat(claims.getSubject()).isEqualTo(String.valueOf(SandboxSeed.ALICE_ID));
		assertThat(claims.getAudience()).containsExactly(SandboxSeed.CLIENT_ID);
		assertThat(claims.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000);
		assertThat(claims.getStringClaim("nickname")).isEqualTo("alice");
		assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.test");
		assertThat(claims.getBooleanClaim("email_verified")).isTrue();
		assertThat(claims.getStringListClaim("groups_direct")).containsExactly("legacy", "platform/backend");
		assertThat(claims.getClaim("auth_time")).isNotNull();
		JsonNode userInfo = userInfo(tokens.get("access_token").asString()).json();
		assertThat(userInfo.get("sub").asString()).isEqualTo(claims.getSubject());
		assertThat(userInfo.get("groups")).extracting(JsonNode::asString).containsExactly("legacy", "platform/backend");
		assertThat(userInfo.get("https://gitlab.org/claims/groups/developer")).extracting(JsonNode::asString)
			.containsExactly("legacy", "platform/backend");
		assertThat(userInfo.has("https://gitlab.org/claims/groups/owner")).isFalse();
	}

	@Test
	void userInfoGroupsIncludeDescendantsButRoleClaimsOnlyDirectMemberships() {
		JsonNode userInfo = userInfo(signIn("bob", "openid").get("access_token").asString()).json();
		assertThat(userInfo.get("groups")).extracting(JsonNode::asString)
			.containsExactly("platform", "platform/backend", "platform/frontend");
		assertThat(userInfo.get("https://gitlab.org/claims/groups/owner")).extracting(JsonNode::asString)
			.containsExactly("platform");
		assertThat(userInfo.has("https://gitlab.org/claims/groups/maintainer")).isFalse();
		assertThat(userInfo.get("nickname").asString()).isEqualTo("bob");
		assertThat(userInfo.get("name").asString()).isEqualTo("Bob Owner");
		assertThat(userInfo.get("profile").asString()).isEqualTo(sandbox.gitlab().baseUrl() + "/bob");
		assertThat(userInfo.has("sub_legacy")).isTrue();
		assertThat(userInfo.has("email")).isFalse();
	}

	@Test
	void userInfoAllowsCrossOriginCalls() {
		SandboxClient.Response response = userInfo(signIn("bob", "openid").get("access_token").asString());
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
		assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, OPTIONS");
	}

	@Test
	void withoutOpenidThereIsNoIdTokenAndUserInfoIsForbidden() {
		JsonNode tokens = signIn("alice", "read_api");
		assertThat(tokens.has("id_token")).isFalse();
		SandboxClient.Response userInfo = userInfo(tokens.get("access_token").asString());
		assertThat(userInfo.status()).isEqualTo(403);
		assertThat(userInfo.body()).isEmpty();
	}

	@Test
	void idTokenHasNoEmailWithoutTheEmailScope() throws Exception {
		JWTClaimsSet claims = verifiedIdToken(signIn("carol", "openid profile").get("id_token").asString());
		assertThat(claims.getClaim("email")).isNull();
		assertThat(claims.getStringListClaim("groups_direct")).containsExactly("platform/backend");
		assertThat(claims.getClaim("nonce")).isNull();
	}

	@Test
	void codeCanBeExchangedOnlyOnce() {
		String code = authorizeWithLoginHint("alice", "openid");
		exchange(code, null);
		SandboxClient.Response again = tokenRequest(
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI), true);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.json().get("error").asString()).isEqualTo("invalid_grant");
		assertThat(again.json().get("error_description").asString()).isEqualTo(
				"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
	}

	@Test
	void wrongPkceVerifierIsAnInvalidGrant() {
		String code = codeOf(
				sandbox.client().send(sandbox.client().request(authorizePath("openid", "alice"))).header("Location"));
		SandboxClient.Response response = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "code_verifier", "not-the-verifier"), true);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void codeIsBoundToTheRedirectUri() {
		String code = authorizeWithLoginHint("alice", "openid");
		SandboxClient.Response response = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", "http://127.0.0.1:9999/login/oauth2/code/gitlab"), true);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void wrongClientSecretIsAnInvalidClient() {
		String code = authorizeWithLoginHint("alice", "openid");
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client()
				.request("/oauth/token")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(
						SandboxClient.form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
								REDIRECT_URI, "client_id", SandboxSeed.CLIENT_ID, "client_secret", "wrong")))));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
		assertThat(response.json().get("error_description").asString()).isEqualTo(
				"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
	}

	@Test
	void clientSecretPostIsAccepted() {
		String code = authorizeWithLoginHint("alice", "openid");
		Map<String, String> form = new LinkedHashMap<>(
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "client_id",
						SandboxSeed.CLIENT_ID, "client_secret", SandboxSeed.CLIENT_SECRET));
		assertThat(tokenRequest(form, false).status()).isEqualTo(200);
	}

	@Test
	void refreshRotatesBothTokens() {
		JsonNode first = signIn("alice", "openid read_api");
		SandboxClient.Response refreshed = tokenRequest(
				Map.of("grant_type", "refresh_token", "refresh_token", first.get("refresh_token").asString()), true);
		assertThat(refreshed.status()).isEqualTo(200);
		JsonNode second = refreshed.json();
		assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		assertThat(second.get("scope").asString()).isEqualTo("openid read_api");
		assertThat(bearerGet("/api/v4/user", first.get("access_token").asString()).json()
			.get("error_description")
			.asString()).isEqualTo("Token was revoked. You have to re-authorize from the user.");
		assertThat(bearerGet("/api/v4/user", second.get("access_token").asString()).status()).isEqualTo(200);
		SandboxClient.Response reused = tokenRequest(
				Map.of("grant_type", "refresh_token", "refresh_token", first.get("refresh_token").asString()), true);
		assertThat(reused.json().get("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void oauthTokenScopesGateTheApi() {
		String readApi = signIn("bob", "openid read_api").get("access_token").asString();
		String api = signIn("bob", "openid api").get("access_token").asString();
		String openid = signIn("bob", "openid profile email").get("access_token").asString();
		String tokens = "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens";
		assertThat(bearerGet(tokens, readApi).status()).isEqualTo(200);
		assertThat(bearerPost(tokens, readApi).status()).isEqualTo(403);
		assertThat(bearerPost(tokens, api).status()).isEqualTo(201);
		SandboxClient.Response denied = bearerGet("/api/v4/user", openid);
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.json().get("error").asString()).isEqualTo("insufficient_scope");
	}

	@Test
	void oauthAccessTokenExpiresAfterTwoHours() {
		String token = signIn("alice", "read_api").get("access_token").asString();
		sandbox.gitlab().state().setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(2).plusSeconds(1)));
		SandboxClient.Response response = bearerGet("/api/v4/user", token);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error_description").asString())
			.isEqualTo("Token is expired. You can either do re-authorization or token refresh.");
	}

	@Test
	void unknownClientGetsAnErrorPage() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client()
				.request(authorizePath("openid", null).replace("client_id=token-portal", "client_id=evil")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.body()).contains("invalid_client");
	}

	@Test
	void foreignRedirectUriGetsAnErrorPageNeverARedirect() {
		String path = authorizePath("openid", "alice").replace(SandboxClient.encode(REDIRECT_URI),
				SandboxClient.encode("https://evil.example/login/oauth2/code/gitlab"));
		SandboxClient.Response response = sandbox.client().send(sandbox.client().request(path));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.body()).contains("invalid_redirect_uri");
	}

	@Test
	void unknownScopeIsRedirectedBackAsAnError() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client().request(authorizePath("openid sudo", "alice")));
		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith(REDIRECT_URI + "?error=invalid_scope&error_description=")
			.endsWith("&state=xyz%20state");
	}

	@Test
	void denyingRedirectsWithAccessDenied() {
		SandboxClient.Response page = sandbox.client().send(sandbox.client().request(authorizePath("openid", null)));
		Map<String, String> form = hiddenFields(page.body());
		form.put("decision", "deny");
		SandboxClient.Response response = sandbox.client().postForm("/oauth/authorize", form);
		assertThat(response.header("Location")).startsWith(REDIRECT_URI + "?error=access_denied");
	}

	@Test
	void aBlockedUserGetsNoCodeAndTheirOAuthTokenIsRefused() {
		String accessToken = signIn("alice", "openid read_api").get("access_token").asString();
		sandbox.gitlab().state().blockUser(SandboxSeed.ALICE);

		SandboxClient.Response page = sandbox.client()
			.send(sandbox.client().request(authorizePath("openid", "alice").replaceAll("&code_challenge[^&]*", "")));
		assertThat(page.status()).isEqualTo(403);
		assertThat(page.header("Location")).isNull();
		assertThat(page.body()).contains("Your account has been blocked.");
		SandboxClient.Response api = bearerGet("/api/v4/user", accessToken);
		assertThat(api.status()).isEqualTo(403);
		assertThat(api.json().get("message").asString()).isEqualTo("403 Forbidden - Your account has been blocked.");
	}

	@Test
	void issuedIdTokensAreKeptForLeakChecks() {
		String idToken = signIn("alice", "openid").get("id_token").asString();
		assertThat(sandbox.gitlab().issuedIdTokens()).contains(idToken);
	}

	private static JsonNode signIn(String username, String scope) {
		return exchange(authorizeWithLoginHint(username, scope), null);
	}

	private static String authorizeWithLoginHint(String username, String scope) {
		String path = authorizePath(scope, username).replaceAll("&code_challenge[^&]*", "");
		SandboxClient.Response response = sandbox.client().send(sandbox.client().request(path));
		assertThat(response.status()).isEqualTo(302);
		return codeOf(response.header("Location"));
	}

	private static String authorizePath(String scope, String loginHint) {
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(VERIFIER));
		Map<String, String> params = new LinkedHashMap<>();
		params.put("client_id", SandboxSeed.CLIENT_ID);
		params.put("redirect_uri", REDIRECT_URI);
		params.put("response_type", "code");
		params.put("scope", scope);
		params.put("state", "xyz state");
		params.put("code_challenge", challenge);
		params.put("code_challenge_method", "S256");
		if (scope.contains("openid") && scope.contains("email")) {
			params.put("nonce", "n-0S6_WzA2Mj");
		}
		if (loginHint != null) {
			params.put("login_hint", loginHint);
		}
		return "/oauth/authorize?" + SandboxClient.form(params);
	}

	private static JsonNode exchange(String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>(
				Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI));
		if (verifier != null) {
			form.put("code_verifier", verifier);
		}
		SandboxClient.Response response = tokenRequest(form, true);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		return response.json();
	}

	private static SandboxClient.Response tokenRequest(Map<String, String> form, boolean basicAuth) {
		var request = sandbox.client()
			.request("/oauth/token")
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (basicAuth) {
			String credentials = SandboxSeed.CLIENT_ID + ":" + SandboxSeed.CLIENT_SECRET;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return sandbox.client().send(request.POST(BodyPublishers.ofString(SandboxClient.form(form))));
	}

	private static JWTClaimsSet verifiedIdToken(String idToken) throws Exception {
		JWKSet keys = JWKSet.parse(sandbox.client().send(sandbox.client().request("/oauth/discovery/keys")).body());
		SignedJWT jwt = SignedJWT.parse(idToken);
		RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
		return jwt.getJWTClaimsSet();
	}

	private static SandboxClient.Response userInfo(String accessToken) {
		return bearerGet("/oauth/userinfo", accessToken);
	}

	private static SandboxClient.Response bearerGet(String path, String accessToken) {
		return sandbox.client().send(sandbox.client().request(path).header("Authorization", "Bearer " + accessToken));
	}

	private static SandboxClient.Response bearerPost(String path, String accessToken) {
		return sandbox.client()
			.send(sandbox.client()
				.request(path)
				.header("Authorization", "Bearer " + accessToken)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"name\":\"t\",\"scopes\":[\"api\"]}")));
	}

	private static Map<String, String> hiddenFields(String html) {
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher matcher = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
		}
		return fields;
	}

	private static String codeOf(String location) {
		String query = URI.create(location).getRawQuery();
		return RequestParams.decodeForm(query).get("code");
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
