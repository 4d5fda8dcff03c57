package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A lifetime in hours (a migration's 8 hours), counted from Create. GitLab's expiry is a
 * date (00:00 UTC, gitlab-api.md §5.3), so GitLab gets the day after the end as a
 * backstop and the portal revokes at the exact end itself.
 *
 * @author Token Portal team
 */
public final class HourLifetime {

	/** The shortest hour lifetime. */
	public static final int MIN_HOURS = 1;

	/** The longest hour lifetime: three days; beyond that, choose a date. */
	public static final int MAX_HOURS = 72;

	private HourLifetime() {
	}

	/**
	 * Whether a number of hours may be asked for.
	 * @param hours the hours
	 * @return {@code true} within {@link #MIN_HOURS} and {@link #MAX_HOURS}
	 */
	public static boolean allowed(int hours) {
		return hours >= MIN_HOURS && hours <= MAX_HOURS;
	}

	/**
	 * The lifetime the policy judges, in days. The policy counts whole days to a date
	 * (tomorrow is one day, the shortest a date allows), so hours count as the days they
	 * span, rounded up: up to 24 hours is one day, the same rules and tiers as a token
	 * that ends tomorrow; 72 hours is three.
	 * @param hours the hours
	 * @return the days, at least one
	 */
	public static long policyDays(int hours) {
		return Math.max(1, (hours + 23) / 24);
	}

	/**
	 * The exact end of a token made now.
	 * @param start when the token is made (Create or rotation)
	 * @param hours the hours
	 * @return the moment the portal revokes it
	 */
	public static Instant end(Instant start, int hours) {
		return start.plus(Duration.ofHours(hours));
	}

	/**
	 * The expiry date GitLab gets: the day after the end's UTC date, so GitLab's own
	 * expiry (00:00 UTC on that date) never comes before the portal's revocation.
	 * @param start when the token is made
	 * @param hours the hours
	 * @return the backstop date
	 */
	public static LocalDate gitlabExpiresOn(Instant start, int hours) {
		return LocalDate.ofInstant(end(start, hours), ZoneOffset.UTC).plusDays(1);
	}

}
