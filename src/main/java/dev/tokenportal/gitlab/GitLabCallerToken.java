package dev.tokenportal.gitlab;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What GitLab says about a token a caller of the portal's API presented: whose it is, its
 * scopes and when it stops working. Never the token itself.
 *
 * @param user the GitLab user the token acts as ({@code GET /user})
 * @param scopes the token's scopes
 * @param expiresAt when it stops working, or {@code null} when it does not expire
 * @param kind a personal, project or group access token, or an OAuth token
 * @author Token Portal team
 */
public record GitLabCallerToken(GitLabUser user, Set<String> scopes, @Nullable Instant expiresAt, Kind kind) {

	public GitLabCallerToken {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * What kind of token it is.
	 */
	public enum Kind {

		/** A personal, project or group access token (GitLab's PAT family). */
		ACCESS_TOKEN,

		/** An OAuth access token (an application's, or the portal's own sign-in). */
		OAUTH

	}

}
