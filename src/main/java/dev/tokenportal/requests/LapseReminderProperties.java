package dev.tokenportal.requests;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the portal says a request will lapse soon ({@code portal.notifications.*}).
 *
 * @param lapseReminderBefore how long before a pending or approved request lapses the
 * reminder goes out
 * @author Token Portal team
 */
@ConfigurationProperties("portal.notifications")
public record LapseReminderProperties(@DefaultValue("1d") Duration lapseReminderBefore) {

	public LapseReminderProperties {
		if (lapseReminderBefore.isNegative() || lapseReminderBefore.isZero()) {
			throw new IllegalArgumentException(
					"portal.notifications.lapse-reminder-before must be positive, not " + lapseReminderBefore);
		}
	}

}
