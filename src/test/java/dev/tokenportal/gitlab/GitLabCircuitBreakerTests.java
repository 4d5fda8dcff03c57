package dev.tokenportal.gitlab;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The circuit breaker around GitLab calls: after enough failures or slow answers the
 * portal stops calling GitLab for a while and says so at once, sends nothing (so a create
 * has a known outcome: it did not happen), and tries again by itself.
 *
 * @author Token Portal team
 */
class GitLabCircuitBreakerTests {

	static final GitLabProperties.Breaker SMALL = new GitLabProperties.Breaker(true, 4, 4, 50, Duration.ofMillis(200),
			80, Duration.ofSeconds(30), 1);

	final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	final GitLabCalls calls = new GitLabCalls(this.clock, SMALL);

	final AtomicInteger reachedGitLab = new AtomicInteger();

	@Test
	void failuresOpenItAndThenNothingIsSentUntilItTriesAgain() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(GitLabUnavailableException.class)
				.isThrownBy(() -> this.calls.read("Reading", noAnswer()));
		}
		assertThat(this.calls.breakerState()).isEqualTo("OPEN");

		assertThatExceptionOfType(GitLabUnavailableException.class)
			.isThrownBy(() -> this.calls.read("Listing the tokens of platform/backend/api", answer("ok")))
			.withMessage("Listing the tokens of platform/backend/api: GitLab failed or answered too slowly several "
					+ "times in a row, so the portal is leaving it alone for up to 30 seconds and sent nothing")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThat(this.reachedGitLab).as("only the four failed calls").hasValue(4);

		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.calls.read("Reading", answer("back"))).isEqualTo("back");
		assertThat(this.calls.breakerState()).isEqualTo("CLOSED");
		assertThat(this.calls.read("Reading", answer("again"))).isEqualTo("again");
	}

	@Test
	void itsStateIsAGaugeWithOneSeriesPerState() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.calls.bindTo(meters);
		assertThat(state(meters, "closed")).isOne();
		assertThat(state(meters, "open")).isZero();

		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(GitLabUnavailableException.class)
				.isThrownBy(() -> this.calls.read("Reading", noAnswer()));
		}

		assertThat(state(meters, "open")).isOne();
		assertThat(state(meters, "closed")).isZero();
		assertThat(meters.find("portal.gitlab.circuit.breaker.state").gauges())
			.extracting((gauge) -> gauge.getId().getTag("state"))
			.containsExactlyInAnyOrder("closed", "open", "half_open", "disabled");
	}

	@Test
	void aCreateWhileItIsOpenIsKnownNotToHaveHappened() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(GitLabOutcomeUnknownException.class)
				.isThrownBy(() -> this.calls.change("Creating", serverError()));
		}
		int sent = this.reachedGitLab.get();

		assertThatExceptionOfType(GitLabUnavailableException.class)
			.isThrownBy(() -> this.calls.change("Creating the token in platform/backend/api", answer("token")))
			.isNotInstanceOf(GitLabOutcomeUnknownException.class);
		assertThat(this.reachedGitLab).hasValue(sent);
	}

	@Test
	void refusalsAndThrottlingNeverOpenIt() {
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(GitLabException.class)
				.isThrownBy(() -> this.calls.read("Reading", refused(HttpStatus.NOT_FOUND)));
			assertThatExceptionOfType(GitLabException.class)
				.isThrownBy(() -> this.calls.change("Creating", refused(HttpStatus.BAD_REQUEST)));
			// slowing down is the rate discipline's and Retry-After's business
			assertThatExceptionOfType(GitLabUnavailableException.class)
				.isThrownBy(() -> this.calls.read("Reading", refused(HttpStatus.TOO_MANY_REQUESTS)));
		}
		assertThat(this.calls.breakerState()).isEqualTo("CLOSED");
	}

	@Test
	void slowAnswersOpenItToo() {
		for (int i = 0; i < 4; i++) {
			assertThat(this.calls.read("Reading", slowAnswer("late"))).isEqualTo("late");
		}
		assertThat(this.calls.breakerState()).isEqualTo("OPEN");
	}

	@Test
	void disabledItLetsEveryCallThrough() {
		GitLabCalls unguarded = new GitLabCalls(this.clock, GitLabClientTests.BREAKER_OFF);
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(GitLabUnavailableException.class)
				.isThrownBy(() -> unguarded.read("Reading", noAnswer()));
		}
		assertThat(this.reachedGitLab).hasValue(10);
		assertThat(unguarded.breakerState()).isEqualTo("DISABLED");
	}

	private static double state(SimpleMeterRegistry meters, String state) {
		return meters.get("portal.gitlab.circuit.breaker.state").tag("state", state).gauge().value();
	}

	private Supplier<String> answer(String value) {
		return () -> {
			this.reachedGitLab.incrementAndGet();
			return value;
		};
	}

	private Supplier<String> slowAnswer(String value) {
		return () -> {
			this.reachedGitLab.incrementAndGet();
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return value;
		};
	}

	private Supplier<String> noAnswer() {
		return () -> {
			this.reachedGitLab.incrementAndGet();
			throw new ResourceAccessException("I/O error", new SocketTimeoutException("Read timed out"));
		};
	}

	private Supplier<String> serverError() {
		return () -> {
			this.reachedGitLab.incrementAndGet();
			throw HttpServerErrorException.create(HttpStatus.BAD_GATEWAY, "Bad Gateway", HttpHeaders.EMPTY,
					"{\"message\":\"502 Bad Gateway\"}".getBytes(), null);
		};
	}

	private Supplier<String> refused(HttpStatus status) {
		return () -> {
			this.reachedGitLab.incrementAndGet();
			throw HttpClientErrorException.create(status, status.getReasonPhrase(), HttpHeaders.EMPTY,
					"{\"message\":\"no\"}".getBytes(), null);
		};
	}

	/** A clock the test moves forward. */
	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
