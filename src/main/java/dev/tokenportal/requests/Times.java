package dev.tokenportal.requests;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the request pages write a moment: UTC, to the minute, the same for every viewer and
 * the same as GitLab's expiry dates.
 *
 * @author Token Portal team
 */
public final class Times {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	/**
	 * A moment as text.
	 * @param instant the moment
	 * @return e.g. {@code 2026-03-01 14:05 UTC}
	 */
	public static String utc(Instant instant) {
		return UTC.format(instant);
	}

}
