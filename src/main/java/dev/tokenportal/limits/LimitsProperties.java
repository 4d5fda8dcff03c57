package dev.tokenportal.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the per-user limits ({@code portal.limits.*}).
 *
 * @param openRequestsPerUser how many requests a user may have pending, approved or being
 * created at once
 * @param tokensPerUserPerHour how many tokens a user may create (or rotate) an hour
 * @param previewsPerUserPerMinute how many policy previews a user may ask for a minute;
 * each costs GitLab calls
 * @param requestDenialsPerUserPerHour how many refused looks at, or actions on, requests
 * a user may not see are checked with GitLab and audited an hour; beyond it the answer is
 * the same 404 without either
 * @author Token Portal team
 */
@ConfigurationProperties("portal.limits")
public record LimitsProperties(@DefaultValue("5") int openRequestsPerUser, @DefaultValue("10") int tokensPerUserPerHour,
		@DefaultValue("60") int previewsPerUserPerMinute, @DefaultValue("20") int requestDenialsPerUserPerHour) {

	public LimitsProperties {
		requirePositive("portal.limits.open-requests-per-user", openRequestsPerUser);
		requirePositive("portal.limits.tokens-per-user-per-hour", tokensPerUserPerHour);
		requirePositive("portal.limits.previews-per-user-per-minute", previewsPerUserPerMinute);
		requirePositive("portal.limits.request-denials-per-user-per-hour", requestDenialsPerUserPerHour);
	}

	private static void requirePositive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, not " + value);
		}
	}

}
