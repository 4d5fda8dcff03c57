package dev.gitlabsandbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * {@code /oauth/authorize} for the trusted portal application: no consent screen, just a
 * user picker (or {@code login_hint=<username>} to skip it), then a redirect with a
 * single-use code (gitlab-api.md §7.1).
 *
 * @author Token Portal team
 */
final class AuthorizationEndpoints {

	private final SandboxState state;

	AuthorizationEndpoints(SandboxState state) {
		this.state = state;
	}

	void register(Router router) {
		router.get("/oauth/authorize", this::showAuthorization);
		router.post("/oauth/authorize", this::processAuthorization);
	}

	private SandboxResponse showAuthorization(SandboxRequest request) {
		Map<String, String> params = RequestParams.decodeForm(request.rawQuery());
		return authorize(AuthorizationRequest.validate(params), params.get("login_hint"));
	}

	private SandboxResponse processAuthorization(SandboxRequest request) {
		Map<String, String> form = RequestParams.decodeForm(new String(request.body(), StandardCharsets.UTF_8));
		AuthorizationRequest authorization = AuthorizationRequest.validate(form);
		if ("deny".equals(form.get("decision"))) {
			throw AuthorizationRequest.redirectError(authorization.redirectUri(), authorization.state(),
					"access_denied", "The resource owner or authorization server denied the request.");
		}
		return authorize(authorization, form.get("username"));
	}

	private SandboxResponse authorize(AuthorizationRequest authorization, @Nullable String username) {
		Optional<SandboxUser> user = Optional.ofNullable(username)
			.flatMap(this.state::userByUsername)
			.filter((found) -> !found.bot());
		if (user.isEmpty()) {
			List<SandboxUser> humans = this.state.users().stream().filter((found) -> !found.bot()).toList();
			return LoginPage.render(authorization, humans);
		}
		if (!user.get().active()) {
			return LoginPage.blocked();
		}
		Instant now = this.state.now();
		String code = this.state.oauth()
			.issueCode(new OAuthStore.AuthorizationCode(authorization.clientId(), authorization.redirectUri(),
					user.get().id(), authorization.scopes(), authorization.nonce(), authorization.codeChallenge(),
					authorization.codeChallengeMethod(), now, now));
		return authorization.redirectWithCode(code);
	}

}
