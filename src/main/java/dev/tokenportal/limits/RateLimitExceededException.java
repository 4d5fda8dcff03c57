package dev.tokenportal.limits;

import java.time.Duration;

/**
 * A user reached one of their limits; nothing was done.
 *
 * @author Token Portal team
 */
public class RateLimitExceededException extends RuntimeException {

	private final UserLimit limit;

	private final int capacity;

	private final Duration retryAfter;

	RateLimitExceededException(UserLimit limit, int capacity, Duration retryAfter) {
		super("You have reached the limit of " + capacity + " " + limit.description() + " per " + per(limit.period())
				+ ". Try again in " + readable(retryAfter) + ".");
		this.limit = limit;
		this.capacity = capacity;
		this.retryAfter = retryAfter;
	}

	public UserLimit limit() {
		return this.limit;
	}

	public int capacity() {
		return this.capacity;
	}

	/**
	 * When the next attempt can succeed, rounded up to whole seconds, for
	 * {@code Retry-After}.
	 * @return the wait
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	private static String per(Duration period) {
		return period.equals(Duration.ofHours(1)) ? "hour" : "minute";
	}

	static String readable(Duration wait) {
		long seconds = wait.toSeconds();
		if (seconds < 60) {
			return seconds + ((seconds == 1) ? " second" : " seconds");
		}
		long minutes = (seconds + 59) / 60;
		return minutes + ((minutes == 1) ? " minute" : " minutes");
	}

}
