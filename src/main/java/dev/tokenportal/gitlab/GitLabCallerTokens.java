package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Asks GitLab about a token presented to the portal's API, with that token: first its
 * scopes and expiry, which GitLab answers whatever the scopes
 * ({@code GET /personal_access_tokens/self}; for an OAuth token, which that endpoint
 * refuses with 400, Doorkeeper's {@code GET /oauth/token/info}), then its user
 * ({@code GET /user}, which needs {@code read_user}, {@code read_api} or {@code api}).
 * The token is a header argument only: it is in no message, exception or log line.
 *
 * @author Token Portal team
 */
@Component
public class GitLabCallerTokens {

	private static final String ACTION = "Checking the GitLab token of an API caller";

	/** Any one lets {@code GET /user} answer (gitlab-api.md §6.3). */
	private static final Set<String> USER_SCOPES = Set.of("api", "read_api", "read_user");

	private final GitLabCallerApi gitlab;

	private final GitLabCalls calls;

	private final Clock clock;

	GitLabCallerTokens(GitLabCallerApi gitlab, GitLabCalls calls, Clock clock) {
		this.gitlab = gitlab;
		this.calls = calls;
		this.clock = clock;
	}

	/**
	 * The token's scopes and expiry, without its user.
	 * @param token the token as presented
	 * @return its facts; the user is asked only by {@link #verify}
	 * @throws GitLabAccessDeniedException with status 401 when GitLab does not take the
	 * token (unknown, revoked, expired), or 403 when it refuses its user (blocked)
	 * @throws GitLabException when GitLab could not be asked
	 */
	public Scoped scopes(String token) {
		String authorization = "Bearer " + token;
		try {
			SelfToken self = this.calls.read(ACTION, () -> this.gitlab.personalAccessTokenSelf(authorization));
			return new Scoped(set(self.scopes()), endOf(self.expiresAt()), GitLabCallerToken.Kind.ACCESS_TOKEN);
		}
		catch (GitLabRefusedException ex) {
			if (ex.status() != 400) {
				throw ex;
			}
			// "This endpoint requires token type to be a personal access token": OAuth
		}
		OAuthTokenInfo info = this.calls.read(ACTION, () -> this.gitlab.oauthTokenInfo(authorization));
		Instant expiresAt = (info.expiresIn() != null) ? this.clock.instant().plusSeconds(info.expiresIn()) : null;
		return new Scoped(set(info.scope()), expiresAt, GitLabCallerToken.Kind.OAUTH);
	}

	/**
	 * Who the token acts as, once its scopes allow asking ({@link #USER_SCOPES}).
	 * @param token the token as presented
	 * @param scoped what {@link #scopes} said
	 * @return the whole answer
	 * @throws GitLabAccessDeniedException as {@link #scopes}
	 */
	public GitLabCallerToken verify(String token, Scoped scoped) {
		GitLabUser user = this.calls.read(ACTION, () -> this.gitlab.currentUser("Bearer " + token));
		return new GitLabCallerToken(user, scoped.scopes(), scoped.expiresAt(), scoped.kind());
	}

	/**
	 * Whether the scopes let {@code GET /user} answer.
	 * @param scopes the token's scopes
	 * @return {@code true} when they do
	 */
	public static boolean canReadUser(Set<String> scopes) {
		return scopes.stream().anyMatch(USER_SCOPES::contains);
	}

	private static Set<String> set(@Nullable List<String> scopes) {
		return (scopes != null) ? Set.copyOf(scopes) : Set.of();
	}

	// GitLab's expiry day ends the token at its first instant, UTC (gitlab-api.md §3)
	private static @Nullable Instant endOf(@Nullable LocalDate expiresAt) {
		return (expiresAt != null) ? expiresAt.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/**
	 * A token's scopes and expiry.
	 *
	 * @param scopes its scopes
	 * @param expiresAt when it stops working, or {@code null}
	 * @param kind its kind
	 */
	public record Scoped(Set<String> scopes, @Nullable Instant expiresAt, GitLabCallerToken.Kind kind) {

		public Scoped {
			scopes = Set.copyOf(scopes);
		}

	}

}
