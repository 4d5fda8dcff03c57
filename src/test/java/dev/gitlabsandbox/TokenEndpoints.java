package dev.gitlabsandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /oauth/token} (authorization code with PKCE, refresh token) and
 * {@code POST /oauth/revoke}, with Doorkeeper's error bodies (gitlab-api.md §7.1).
 *
 * @author Token Portal team
 */
final class TokenEndpoints {

	private static final String INVALID_GRANT = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

	private static final String INVALID_CLIENT = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

	private final SandboxState state;

	private final IdTokens idTokens;

	private final OidcClaims claims;

	TokenEndpoints(SandboxState state, IdTokens idTokens, OidcClaims claims) {
		this.state = state;
		this.idTokens = idTokens;
		this.claims = claims;
	}

	void register(Router router) {
		router.post("/oauth/token", this::issueToken);
		router.post("/oauth/revoke", this::revokeToken);
	}

	private SandboxResponse issueToken(SandboxRequest request) {
		Map<String, String> form = RequestParams.decodeForm(new String(request.body(), StandardCharsets.UTF_8));
		authenticateClient(request, form);
		String grantType = form.get("grant_type");
		if (grantType == null) {
			throw error(400, "invalid_request", "Missing required parameter: grant_type.");
		}
		return switch (grantType) {
			case "authorization_code" -> exchangeCode(form);
			case "refresh_token" -> refresh(form);
			default -> throw error(400, "unsupported_grant_type",
					"The authorization grant type is not supported by the authorization server.");
		};
	}

	private SandboxResponse exchangeCode(Map<String, String> form) {
		String value = form.get("code");
		if (value == null) {
			throw error(400, "invalid_request", "Missing required parameter: code.");
		}
		OAuthStore.AuthorizationCode code = this.state.oauth()
			.redeemCode(value)
			.orElseThrow(() -> error(400, "invalid_grant", INVALID_GRANT));
		boolean valid = !code.expired(this.state.now()) && code.redirectUri().equals(form.get("redirect_uri"))
				&& pkceVerified(code, form.get("code_verifier"));
		if (!valid) {
			throw error(400, "invalid_grant", INVALID_GRANT);
		}
		return tokenResponse(code.userId(), code.scopes(), code.authTime(), code.nonce());
	}

	private SandboxResponse refresh(Map<String, String> form) {
		String value = form.get("refresh_token");
		if (value == null) {
			throw error(400, "invalid_request", "Missing required parameter: refresh_token.");
		}
		OAuthStore.OAuthToken previous = this.state.oauth()
			.redeemRefreshToken(value)
			.orElseThrow(() -> error(400, "invalid_grant", INVALID_GRANT));
		return tokenResponse(previous.userId(), previous.scopes(), previous.authTime(), null);
	}

	private SandboxResponse tokenResponse(long userId, List<String> scopes, Instant authTime, @Nullable String nonce) {
		Instant now = this.state.now();
		OAuthStore.IssuedTokens issued = this.state.oauth()
			.issueTokens(userId, SandboxSeed.CLIENT_ID, scopes, authTime, now);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", issued.accessToken());
		body.put("token_type", "Bearer");
		body.put("expires_in", OAuthStore.ACCESS_TOKEN_LIFETIME.toSeconds());
		body.put("refresh_token", issued.refreshToken());
		body.put("scope", String.join(" ", scopes));
		body.put("created_at", now.getEpochSecond());
		if (scopes.contains("openid")) {
			SandboxUser user = this.state.user(userId).orElseThrow();
			String idToken = this.idTokens
				.sign(this.claims.idToken(user, scopes, SandboxSeed.CLIENT_ID, nonce, authTime, now));
			this.state.oauth().recordIdToken(idToken);
			body.put("id_token", idToken);
		}
		return SandboxResponse.json(200, body).header("Cache-Control", "no-store").header("Pragma", "no-cache");
	}

	private SandboxResponse revokeToken(SandboxRequest request) {
		Map<String, String> form = RequestParams.decodeForm(new String(request.body(), StandardCharsets.UTF_8));
		authenticateClient(request, form);
		String token = form.get("token");
		if (token != null) {
			this.state.oauth().revoke(token);
		}
		return SandboxResponse.json(200, Map.of());
	}

	/**
	 * Client authentication by {@code client_secret_basic} or {@code client_secret_post}.
	 */
	private static void authenticateClient(SandboxRequest request, Map<String, String> form) {
		String clientId = form.get("client_id");
		String secret = form.get("client_secret");
		String authorization = request.header("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			String decoded = decodeBasic(authorization.substring(6).trim());
			int colon = decoded.indexOf(':');
			// RFC 6749 §2.3.1: id and secret are form-encoded before Base64.
			clientId = (colon < 0) ? null : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
			secret = (colon < 0) ? null : URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
		}
		if (!SandboxSeed.CLIENT_ID.equals(clientId) || !SandboxSeed.CLIENT_SECRET.equals(secret)) {
			throw error(401, "invalid_client", INVALID_CLIENT);
		}
	}

	private static String decodeBasic(String credentials) {
		try {
			return new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static boolean pkceVerified(OAuthStore.AuthorizationCode code, @Nullable String verifier) {
		if (code.codeChallenge() == null) {
			return true;
		}
		if (verifier == null) {
			return false;
		}
		String expected = "S256".equals(code.codeChallengeMethod())
				? Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.sha256Bytes(verifier)) : verifier;
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				code.codeChallenge().getBytes(StandardCharsets.US_ASCII));
	}

	private static ApiError error(int status, String error, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		SandboxResponse response = SandboxResponse.json(status, body).header("Cache-Control", "no-store");
		if (status == 401) {
			response.header("WWW-Authenticate", "Basic realm=\"Doorkeeper\"");
		}
		return new ApiError(response);
	}

}
