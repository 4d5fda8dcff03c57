package dev.gitlabsandbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code /oauth/authorize} request: what the login page carries in hidden
 * fields and what the issued code is bound to.
 *
 * @author Token Portal team
 */
record AuthorizationRequest(String clientId, String redirectUri, List<String> scopes, @Nullable String state,
		@Nullable String nonce, @Nullable String codeChallenge, @Nullable String codeChallengeMethod) {

	/**
	 * Validate like Doorkeeper: an unknown client or a bad redirect URI gets an error
	 * page (never a redirect); other errors are redirected back to the client.
	 * @param params the query or form parameters
	 * @return the validated request
	 * @throws ApiError with the error page or redirect
	 */
	static AuthorizationRequest validate(Map<String, String> params) {
		if (!SandboxSeed.CLIENT_ID.equals(params.get("client_id"))) {
			throw new ApiError(LoginPage.error("invalid_client",
					"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."));
		}
		String redirectUri = params.get("redirect_uri");
		if (redirectUri == null || !SandboxSeed.REDIRECT_URI.matcher(redirectUri).matches()) {
			throw new ApiError(LoginPage.error("invalid_redirect_uri",
					"The requested redirect uri is malformed or doesn't match client redirect URI."));
		}
		String state = params.get("state");
		String responseType = params.get("response_type");
		if (responseType == null || responseType.isEmpty()) {
			throw redirectError(redirectUri, state, "invalid_request", "Missing required parameter: response_type.");
		}
		if (!responseType.equals("code")) {
			throw redirectError(redirectUri, state, "unsupported_response_type",
					"The authorization server does not support this response type.");
		}
		String scope = params.getOrDefault("scope", "").trim();
		// Doorkeeper's default scope for applications that define none is api (§7.2).
		List<String> scopes = scope.isEmpty() ? List.of("api") : List.of(scope.split("[\\s+]+"));
		if (!SandboxSeed.CLIENT_SCOPES.containsAll(scopes)) {
			throw redirectError(redirectUri, state, "invalid_scope",
					"The requested scope is invalid, unknown, or malformed.");
		}
		String challenge = params.get("code_challenge");
		String method = params.get("code_challenge_method");
		if (challenge != null && method == null) {
			method = "plain";
		}
		if (method != null && !Set.of("plain", "S256").contains(method)) {
			throw redirectError(redirectUri, state, "invalid_request",
					"The code challenge method must be plain or S256.");
		}
		return new AuthorizationRequest(SandboxSeed.CLIENT_ID, redirectUri, scopes, state, params.get("nonce"),
				challenge, (challenge != null) ? method : null);
	}

	/**
	 * The parameters the login form posts back.
	 * @return hidden field names and values
	 */
	Map<String, String> hiddenFields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("client_id", this.clientId);
		fields.put("redirect_uri", this.redirectUri);
		fields.put("response_type", "code");
		fields.put("scope", String.join(" ", this.scopes));
		putIfPresent(fields, "state", this.state);
		putIfPresent(fields, "nonce", this.nonce);
		putIfPresent(fields, "code_challenge", this.codeChallenge);
		putIfPresent(fields, "code_challenge_method", this.codeChallengeMethod);
		return fields;
	}

	SandboxResponse redirectWithCode(String code) {
		return SandboxResponse.redirect(withQuery(this.redirectUri, "code", code, this.state));
	}

	static ApiError redirectError(String redirectUri, @Nullable String state, String error, String description) {
		String location = withQuery(redirectUri, "error", error, null) + "&error_description=" + encode(description);
		return new ApiError(SandboxResponse.redirect(withQuery(location, null, null, state)));
	}

	private static String withQuery(String uri, @Nullable String name, @Nullable String value, @Nullable String state) {
		StringBuilder location = new StringBuilder(uri);
		if (name != null && value != null) {
			location.append(uri.contains("?") ? '&' : '?').append(name).append('=').append(encode(value));
		}
		if (state != null) {
			location.append(location.indexOf("?") >= 0 ? '&' : '?').append("state=").append(encode(state));
		}
		return location.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static void putIfPresent(Map<String, String> fields, String name, @Nullable String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

}
