package dev.tokenportal.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the portal rotates delivered tokens on its own, and how it keeps trying.
 *
 * @param rotateBefore how long before expiry a token is rotated; a short-lived token is
 * rotated at two thirds of its life instead, when that comes later
 * @param rotationAttempts failed attempts after which the requester and the Owners are
 * told
 * @param rotationRetryAfter the wait after the first failed attempt; it doubles after
 * each one, up to {@code rotationMaxRetryInterval}
 * @param rotationMaxRetryInterval the longest wait between two attempts
 * @param escalateWithin the requester and the Owners are told at once when less than this
 * is left before expiry
 * @author Token Portal team
 */
@ConfigurationProperties("portal.delivery")
record AutoRotationProperties(@DefaultValue("7d") Duration rotateBefore, @DefaultValue("3") int rotationAttempts,
		@DefaultValue("PT1H") Duration rotationRetryAfter, @DefaultValue("PT6H") Duration rotationMaxRetryInterval,
		@DefaultValue("1d") Duration escalateWithin) {

	AutoRotationProperties {
		if (rotateBefore.isNegative() || rotateBefore.isZero()) {
			throw new IllegalArgumentException("portal.delivery.rotate-before must be positive");
		}
		if (rotationAttempts < 1) {
			throw new IllegalArgumentException("portal.delivery.rotation-attempts must be at least 1");
		}
	}

	/**
	 * How long to wait after {@code attempts} failed attempts.
	 * @param attempts the failed attempts so far
	 * @return the wait
	 */
	Duration backoff(int attempts) {
		Duration wait = this.rotationRetryAfter;
		for (int i = 1; i < attempts && wait.compareTo(this.rotationMaxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.rotationMaxRetryInterval) > 0) ? this.rotationMaxRetryInterval : wait;
	}

}
