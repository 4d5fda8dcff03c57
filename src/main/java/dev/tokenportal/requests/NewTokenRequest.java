package dev.tokenportal.requests;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;

/**
 * A request as the requester describes it, already checked for shape (lengths, known
 * scopes, dates); the service checks the rest against GitLab and the policy.
 *
 * @param targetType project or group
 * @param targetId the GitLab id of the project or group
 * @param tokenName the token's name
 * @param description an optional description
 * @param scopes the scopes
 * @param accessLevel the access level
 * @param expiresOn the expiry date
 * @param justification why the token is needed
 * @param renewalOf the request this one renews, if any
 * @param lifetimeHours a lifetime in hours from Create ({@link HourLifetime}), or
 * {@code null} for a lifetime to {@code expiresOn}
 * @author Token Portal team
 */
public record NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
		List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf,
		@Nullable Integer lifetimeHours) {

	public NewTokenRequest {
		scopes = List.copyOf(scopes);
		if (lifetimeHours != null && !HourLifetime.allowed(lifetimeHours)) {
			throw new IllegalArgumentException("A lifetime of " + lifetimeHours + " hours is not offered");
		}
	}

	public NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
			List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf) {
		this(targetType, targetId, tokenName, description, scopes, accessLevel, expiresOn, justification, renewalOf,
				null);
	}

}
