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
 * @param delivery the CI/CD variable the token should go to, or {@code null} to show it
 * once
 * @author Token Portal team
 */
public record NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
		List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf,
		@Nullable Integer lifetimeHours, @Nullable Delivery delivery) {

	public NewTokenRequest {
		scopes = List.copyOf(scopes);
		if (lifetimeHours != null && !HourLifetime.allowed(lifetimeHours)) {
			throw new IllegalArgumentException("A lifetime of " + lifetimeHours + " hours is not offered");
		}
	}

	/**
	 * A request whose token is shown once, with a lifetime by date.
	 */
	public NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
			List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf) {
		this(targetType, targetId, tokenName, description, scopes, accessLevel, expiresOn, justification, renewalOf,
				null, null);
	}

	/**
	 * A request whose token is shown once, with a lifetime in hours.
	 */
	public NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
			List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf,
			@Nullable Integer lifetimeHours) {
		this(targetType, targetId, tokenName, description, scopes, accessLevel, expiresOn, justification, renewalOf,
				lifetimeHours, null);
	}

	/**
	 * A request with a lifetime by date.
	 */
	public NewTokenRequest(GitLabResource targetType, long targetId, String tokenName, @Nullable String description,
			List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf,
			@Nullable Delivery delivery) {
		this(targetType, targetId, tokenName, description, scopes, accessLevel, expiresOn, justification, renewalOf,
				null, delivery);
	}

	/**
	 * Where the requester wants the token delivered, as they named it: the service looks
	 * the destination up in GitLab and checks who may write there.
	 *
	 * @param destinationPath the full path of the project or group, {@code null} for the
	 * target itself
	 * @param key the variable's key, already checked against
	 * {@link VariableDestination#KEY_PATTERN}
	 * @param environmentScope the environment scope, already checked against
	 * {@link VariableDestination#SCOPE_PATTERN}
	 * @param protectedOnly whether only protected branches and tags see it
	 * @param maskedAndHidden whether the requester wants it hidden too (stored only where
	 * GitLab supports it)
	 * @param autoRotate whether the portal may rotate the token before expiry without
	 * asking again
	 */
	public record Delivery(@Nullable String destinationPath, String key, String environmentScope, boolean protectedOnly,
			boolean maskedAndHidden, boolean autoRotate) {

		/**
		 * The delivery a request already has, for its renewal.
		 * @param destination the stored destination
		 * @param autoRotate whether the portal may rotate it without asking
		 * @return the same delivery, named by path
		 */
		public static Delivery of(VariableDestination destination, boolean autoRotate) {
			return new Delivery(destination.owner().fullPath(), destination.key(), destination.environmentScope(),
					destination.protectedOnly(), destination.maskedAndHidden(), autoRotate);
		}

	}

}
