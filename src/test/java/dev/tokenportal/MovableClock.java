package dev.tokenportal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The portal's clock in whole-portal tests: the system's UTC time, until a test moves it
 * forward to pass an interval without sleeping (and back with {@link #reset()}).
 *
 * @author Token Portal team
 */
public final class MovableClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	MovableClock() {
	}

	/**
	 * Moves the portal's time forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	/**
	 * Back to the system's time.
	 */
	public void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// a view of this clock in another zone, which follows later moves
		MovableClock outer = this;
		return new Clock() {

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return outer.withZone(other);
			}

			@Override
			public Instant instant() {
				return outer.instant();
			}

		};
	}

	@Override
	public Instant instant() {
		return Clock.systemUTC().instant().plus(this.offset.get());
	}

}
