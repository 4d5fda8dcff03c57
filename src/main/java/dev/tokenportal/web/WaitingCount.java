package dev.tokenportal.web;

import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of requests waiting for the signed-in user's decision, for the header's
 * <em>Approvals</em> link. Counted only when a page renders it (a redirect or a failed
 * request costs nothing), once per page, and never fails the page: when it cannot be
 * counted, the header shows no number.
 *
 * @author Token Portal team
 */
public final class WaitingCount {

	private static final Logger logger = LoggerFactory.getLogger(WaitingCount.class);

	private final IntSupplier counter;

	private @Nullable Integer count;

	WaitingCount(IntSupplier counter) {
		this.counter = counter;
	}

	/**
	 * How many requests wait for the user.
	 * @return the number, 0 when it could not be counted
	 */
	public int count() {
		if (this.count == null) {
			this.count = countOrZero();
		}
		return this.count;
	}

	private int countOrZero() {
		try {
			return this.counter.getAsInt();
		}
		catch (RuntimeException ex) {
			// a header badge is never worth an error page
			logger.warn("Could not count the requests waiting for the user: {}", ex.getMessage());
			return 0;
		}
	}

}
