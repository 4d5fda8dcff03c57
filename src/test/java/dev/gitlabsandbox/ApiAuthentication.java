package dev.gitlabsandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The API guard (gitlab-api.md §8.4 and §1.1): finds the credential, rejects unknown,
 * revoked and expired tokens, then checks the route's scopes.
 *
 * @author Token Portal team
 */
final class ApiAuthentication {

	/** GitLab refreshes {@code last_used_at} at most every 10 minutes (16.1+). */
	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(10);

	private static final Pattern ROTATE_PATH = Pattern.compile(".*/access_tokens/[^/]+/rotate");

	private final SandboxState state;

	ApiAuthentication(SandboxState state) {
		this.state = state;
	}

	Caller authenticate(SandboxRequest request, Router.Route route) {
		Caller caller = findCaller(request);
		if (!route.accepts(caller.scopes())) {
			throw GitLabErrors.insufficientScope(route.acceptedScopes());
		}
		return caller;
	}

	private Caller findCaller(SandboxRequest request) {
		Map<String, String> query = RequestParams.decodeForm(request.rawQuery());
		String privateToken = firstNonNull(request.header("PRIVATE-TOKEN"), query.get("private_token"));
		if (privateToken != null) {
			return personalAccessTokenCaller(privateToken, request);
		}
		String bearer = bearer(request.header("Authorization"));
		if (bearer != null) {
			// GitLab tries a Bearer value as an OAuth token first, then as a PAT.
			Optional<OAuthStore.OAuthToken> oauth = this.state.oauth().accessToken(bearer);
			return oauth.isPresent() ? oauthCaller(oauth.get()) : personalAccessTokenCaller(bearer, request);
		}
		String accessToken = query.get("access_token");
		if (accessToken != null) {
			return oauthCaller(this.state.oauth().accessToken(accessToken).orElseThrow(GitLabErrors::unauthorized));
		}
		throw GitLabErrors.unauthorized();
	}

	private Caller personalAccessTokenCaller(String value, SandboxRequest request) {
		TokenStore tokens = this.state.tokenStore();
		SandboxToken token = tokens.byValue(value).orElseThrow(GitLabErrors::unauthorized);
		if (token.revoked()) {
			if (ROTATE_PATH.matcher(request.rawPath()).matches()) {
				tokens.revokeFamily(token);
			}
			throw GitLabErrors.tokenRevoked();
		}
		if (token.expired(this.state.today())) {
			throw GitLabErrors.tokenExpired();
		}
		Instant now = this.state.now();
		if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
			tokens.markUsed(token, now);
		}
		SandboxUser user = activeUser(token.userId());
		return new Caller(user, token.scopes(), token);
	}

	private Caller oauthCaller(OAuthStore.OAuthToken token) {
		if (token.revoked()) {
			throw GitLabErrors.tokenRevoked();
		}
		if (token.expired(this.state.now())) {
			throw GitLabErrors.tokenExpired();
		}
		SandboxUser user = activeUser(token.userId());
		return new Caller(user, token.scopes(), null);
	}

	/**
	 * The token's owner: a deleted user's tokens are gone (401), a blocked user's are
	 * refused after authentication, as {@code API::APIGuard#find_current_user!} does with
	 * {@code forbidden!(api_access_denied_message(user))}.
	 */
	private SandboxUser activeUser(long userId) {
		SandboxUser user = this.state.user(userId).orElseThrow(GitLabErrors::unauthorized);
		if (!user.active()) {
			throw GitLabErrors.message(403, "403 Forbidden - Your account has been blocked.");
		}
		return user;
	}

	static @Nullable String bearer(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return authorization.substring(7).trim();
	}

	private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second) {
		return (first != null) ? first : second;
	}

}
