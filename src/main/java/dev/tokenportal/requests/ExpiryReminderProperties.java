package dev.tokenportal.requests;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the portal reminds people of a token's expiry.
 *
 * @param expiryReminderDays the days before expiry a reminder goes out
 * ({@code portal.notifications.expiry-reminder-days}, default 30, 7 and 1)
 * @author Token Portal team
 */
@ConfigurationProperties("portal.notifications")
public record ExpiryReminderProperties(@DefaultValue( {
		"30", "7", "1" }) List<Integer> expiryReminderDays){

	public ExpiryReminderProperties {
		if (expiryReminderDays.stream().anyMatch((days) -> days < 1)) {
			throw new IllegalArgumentException(
					"portal.notifications.expiry-reminder-days must be 1 or more each, not " + expiryReminderDays);
		}
		expiryReminderDays = expiryReminderDays.stream().distinct().sorted().toList();
	}

}
