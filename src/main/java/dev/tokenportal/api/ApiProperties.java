package dev.tokenportal.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the API ({@code portal.api.*}).
 *
 * @param idempotencyRetention how long a call's answer is kept for retries with its
 * {@code Idempotency-Key}; older keys are swept, and a call with one is a new call
 * @param idempotencySweepInterval how often the sweep runs
 * @author Token Portal team
 */
@ConfigurationProperties("portal.api")
record ApiProperties(@DefaultValue("24h") Duration idempotencyRetention,
		@DefaultValue("1h") Duration idempotencySweepInterval) {

	ApiProperties {
		if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()) {
			throw new IllegalArgumentException(
					"portal.api.idempotency-retention must be positive, not " + idempotencyRetention);
		}
	}

}
