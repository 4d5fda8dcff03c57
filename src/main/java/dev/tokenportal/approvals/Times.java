package dev.tokenportal.approvals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the approval pages write a moment: minutes, UTC, the same for every viewer.
 *
 * @author Token Portal team
 */
final class Times {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	static String format(Instant instant) {
		return FORMAT.format(instant);
	}

}
