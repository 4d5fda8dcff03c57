package dev.tokenportal.limits;

import java.time.Duration;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A user reached one of their limits; nothing was done. The exception is its own message
 * ({@code limits.exceeded.problem.*} in {@code messages/limits.properties}, with the wait
 * as a nested code), resolved in the reader's locale; {@link #getMessage()} is for logs.
 *
 * @author Token Portal team
 */
public class RateLimitExceededException extends RuntimeException implements MessageSourceResolvable {

	private final UserLimit limit;

	private final int capacity;

	private final Duration retryAfter;

	RateLimitExceededException(UserLimit limit, int capacity, Duration retryAfter) {
		super("Limit of " + capacity + " " + limit.description() + " per " + limit.period() + " reached; retry after "
				+ retryAfter);
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

	@Override
	public String[] getCodes() {
		return new String[] { "limits.exceeded.problem." + this.limit.name() };
	}

	@Override
	public Object[] getArguments() {
		return new Object[] { this.capacity, readable(this.retryAfter) };
	}

	/**
	 * The wait in words for people: seconds under a minute, otherwise whole minutes,
	 * rounded up.
	 * @param wait the wait
	 * @return the wait as a code with its number
	 */
	static MessageSourceResolvable readable(Duration wait) {
		long seconds = wait.toSeconds();
		if (seconds < 60) {
			return new DefaultMessageSourceResolvable(new String[] { "limits.wait.seconds" }, new Object[] { seconds });
		}
		return new DefaultMessageSourceResolvable(new String[] { "limits.wait.minutes" },
				new Object[] { (seconds + 59) / 60 });
	}

}
