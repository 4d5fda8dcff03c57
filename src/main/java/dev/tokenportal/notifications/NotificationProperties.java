package dev.tokenportal.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the portal retries messages that could not be sent.
 *
 * @param retryAfter how long an unfinished event waits before its first resubmission (the
 * listener usually finishes long before)
 * @param maxRetryInterval the longest wait between two resubmissions; the wait doubles
 * from {@code retryAfter} up to this
 * @author Token Portal team
 */
@ConfigurationProperties("portal.notifications")
record NotificationProperties(@DefaultValue("PT1M") Duration retryAfter,
		@DefaultValue("PT1H") Duration maxRetryInterval) {

	/**
	 * How long an event that failed {@code attempts} times waits before the next try.
	 * @param attempts the attempts so far
	 * @return the wait
	 */
	Duration backoff(int attempts) {
		Duration wait = this.retryAfter;
		for (int i = 1; i < attempts && wait.compareTo(this.maxRetryInterval) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetryInterval) > 0) ? this.maxRetryInterval : wait;
	}

}
