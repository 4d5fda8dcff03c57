package dev.gitlabsandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OIDC discovery, the JWKS and userinfo (gitlab-api.md §7.1, §7.3).
 *
 * @author Token Portal team
 */
final class OidcEndpoints {

	private static final List<String> SCOPES_SUPPORTED = List.of("api", "read_api", "read_user", "create_runner",
			"manage_runner", "k8s_proxy", "read_repository", "write_repository", "read_registry", "write_registry",
			"ai_features", "sudo", "admin_mode", "openid", "profile", "email");

	private static final List<String> CLAIMS_SUPPORTED = List.of("iss", "sub", "aud", "exp", "iat", "sub_legacy",
			"name", "nickname", "preferred_username", "email", "email_verified", "website", "profile", "picture",
			"groups", "groups_direct", "https://gitlab.org/claims/groups/owner",
			"https://gitlab.org/claims/groups/maintainer", "https://gitlab.org/claims/groups/developer");

	private final SandboxState state;

	private final IdTokens idTokens;

	private final OidcClaims claims;

	private final String issuer;

	OidcEndpoints(SandboxState state, IdTokens idTokens, OidcClaims claims, String issuer) {
		this.state = state;
		this.idTokens = idTokens;
		this.claims = claims;
		this.issuer = issuer;
	}

	void register(Router router) {
		router.get("/.well-known/openid-configuration", this::showConfiguration);
		router.get("/oauth/discovery/keys", this::showKeys);
		router.get("/oauth/userinfo", this::showUserInfo);
		router.post("/oauth/userinfo", this::showUserInfo);
		router.get("/oauth/token/info", this::showTokenInfo);
	}

	private SandboxResponse showConfiguration(SandboxRequest request) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("issuer", this.issuer);
		configuration.put("authorization_endpoint", this.issuer + "/oauth/authorize");
		configuration.put("token_endpoint", this.issuer + "/oauth/token");
		configuration.put("revocation_endpoint", this.issuer + "/oauth/revoke");
		configuration.put("userinfo_endpoint", this.issuer + "/oauth/userinfo");
		configuration.put("jwks_uri", this.issuer + "/oauth/discovery/keys");
		configuration.put("scopes_supported", SCOPES_SUPPORTED);
		configuration.put("response_types_supported", List.of("code"));
		configuration.put("response_modes_supported", List.of("query"));
		configuration.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		configuration.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post"));
		configuration.put("subject_types_supported", List.of("public"));
		configuration.put("id_token_signing_alg_values_supported", List.of("RS256"));
		configuration.put("claim_types_supported", List.of("normal"));
		configuration.put("claims_supported", CLAIMS_SUPPORTED);
		configuration.put("code_challenge_methods_supported", List.of("plain", "S256"));
		return cors(SandboxResponse.json(200, configuration), "GET, HEAD");
	}

	private SandboxResponse showKeys(SandboxRequest request) {
		return cors(SandboxResponse.json(200, this.idTokens.jwks()), "GET, HEAD").header("Cache-Control",
				"max-age=86400, public");
	}

	/**
	 * Doorkeeper's guard: 401 for a missing or unusable token, 403 with an empty body
	 * without {@code openid} (spec-asserted, §10 case 64).
	 */
	private SandboxResponse showUserInfo(SandboxRequest request) {
		String value = ApiAuthentication.bearer(request.header("Authorization"));
		if (value == null) {
			value = request.params().string("access_token");
		}
		OAuthStore.OAuthToken token = (value != null) ? this.state.oauth().accessToken(value).orElse(null) : null;
		if (token == null || token.revoked() || token.expired(this.state.now())) {
			return cors(SandboxResponse.empty(401), "GET, HEAD, POST, OPTIONS").header("WWW-Authenticate",
					"Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"The access token is invalid\"");
		}
		if (!token.scopes().contains("openid")) {
			return cors(SandboxResponse.empty(403), "GET, HEAD, POST, OPTIONS");
		}
		SandboxUser user = this.state.user(token.userId()).orElseThrow();
		return cors(SandboxResponse.json(200, this.claims.userInfo(user, token.scopes())), "GET, HEAD, POST, OPTIONS");
	}

	/**
	 * Doorkeeper's token info (gitlab-api.md §7.1): the OAuth token in
	 * {@code Authorization: Bearer}, any scope; 401 {@code invalid_token} for one that is
	 * unknown, revoked or expired. Personal access tokens are not OAuth tokens here.
	 */
	private SandboxResponse showTokenInfo(SandboxRequest request) {
		String value = ApiAuthentication.bearer(request.header("Authorization"));
		OAuthStore.OAuthToken token = (value != null) ? this.state.oauth().accessToken(value).orElse(null) : null;
		if (token == null || token.revoked() || token.expired(this.state.now())) {
			return SandboxResponse
				.json(401,
						java.util.Map.of("error", "invalid_token", "error_description", "The access token is invalid"))
				.header("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\"");
		}
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("resource_owner_id", token.userId());
		body.put("scope", token.scopes());
		body.put("expires_in", java.time.Duration.between(this.state.now(), token.expiresAt()).toSeconds());
		body.put("application", java.util.Map.of("uid", token.clientId()));
		body.put("created_at", token.createdAt().getEpochSecond());
		return SandboxResponse.json(200, body);
	}

	private static SandboxResponse cors(SandboxResponse response, String methods) {
		return response.header("Access-Control-Allow-Origin", "*").header("Access-Control-Allow-Methods", methods);
	}

}
