package dev.tokenportal.gitlab;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Runs a GitLab call through the circuit breaker and turns what went wrong into a
 * {@link GitLabException}, by status, never by message text alone. The breaker's state is
 * a metric: {@code portal.gitlab.circuit.breaker.state} is 1 for the state it is in and 0
 * for the others.
 *
 * @author Token Portal team
 */
@Component
class GitLabCalls implements MeterBinder {

	/** The states {@link #breakerState()} reports. */
	private static final String[] STATES = { "CLOSED", "OPEN", "HALF_OPEN", "DISABLED" };

	private static final Logger logger = LoggerFactory.getLogger(GitLabCalls.class);

	private final Clock clock;

	private final GitLabProperties.Breaker settings;

	private final CircuitBreaker breaker;

	@Autowired
	GitLabCalls(Clock clock, GitLabProperties properties) {
		this(clock, properties.circuitBreaker());
	}

	GitLabCalls(Clock clock, GitLabProperties.Breaker settings) {
		this.clock = clock;
		this.settings = settings;
		this.breaker = CircuitBreaker.of("gitlab", CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.windowSize())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.slowCallDurationThreshold(settings.slowCallThreshold())
			.slowCallRateThreshold(settings.slowCallRateThreshold())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
			// no answer or a server error; a refusal is GitLab answering and counts as a
			// success, and a 429 is left to the rate discipline and Retry-After
			.recordException(
					(ex) -> (ex instanceof GitLabUnavailableException unavailable && unavailable.status() != 429)
							|| ex instanceof GitLabOutcomeUnknownException)
			.clock(clock)
			.build());
		this.breaker.getEventPublisher()
			.onStateTransition((event) -> logger.warn("GitLab circuit breaker: {}", event.getStateTransition()));
	}

	/**
	 * Whether the portal is calling GitLab ({@code CLOSED}), leaving it alone
	 * ({@code OPEN}) or trying whether it is back ({@code HALF_OPEN}).
	 * @return the breaker's state
	 */
	String breakerState() {
		return this.settings.enabled() ? this.breaker.getState().name() : "DISABLED";
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : STATES) {
			Gauge.builder("portal.gitlab.circuit.breaker.state", () -> state.equals(breakerState()) ? 1 : 0)
				.description("1 for the state the GitLab circuit breaker is in, 0 for the others")
				.tag("state", state.toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

	/**
	 * A call that only reads, or that is safe to repeat.
	 */
	<T> T read(String action, Supplier<T> call) {
		return guarded(action, () -> translatedRead(action, call));
	}

	/**
	 * A call that changes GitLab and must not be repeated: an answer that was lost after
	 * the request left, or a server error, means nobody knows whether it took effect.
	 * While the breaker is open nothing is sent, so the outcome is known: it did not
	 * happen.
	 */
	<T> T change(String action, Supplier<T> call) {
		return guarded(action, () -> translatedChange(action, call));
	}

	private <T> T guarded(String action, Supplier<T> call) {
		if (!this.settings.enabled()) {
			return call.get();
		}
		try {
			return this.breaker.executeSupplier(call);
		}
		catch (CallNotPermittedException ex) {
			throw new GitLabUnavailableException(action + ": GitLab failed or answered too slowly several times in a "
					+ "row, so the portal is leaving it alone for up to " + this.settings.openFor().toSeconds()
					+ " seconds and sent nothing", 0, this.settings.openFor(), ex);
		}
	}

	private <T> T translatedRead(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			throw GitLabErrors.translate(action, ex, this.clock);
		}
		catch (ResourceAccessException ex) {
			throw new GitLabUnavailableException(action + ": GitLab did not answer (" + rootCause(ex) + ")", 0, null,
					ex);
		}
		catch (ClientAuthorizationException ex) {
			throw new GitLabAccessDeniedException(
					action + ": your GitLab sign-in has expired and could not be renewed; sign in again", 401, ex);
		}
		catch (RestClientException ex) {
			// an answer that is not GitLab's JSON: a proxy's page in front of GitLab, say
			throw new GitLabUnavailableException(action + ": GitLab's answer could not be read (" + rootCause(ex) + ")",
					0, null, ex);
		}
	}

	private <T> T translatedChange(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			if (status >= 500) {
				throw new GitLabOutcomeUnknownException(
						action + ": GitLab failed while handling it (" + status + "); it may or may not have happened",
						status, ex);
			}
			throw GitLabErrors.translate(action, ex, this.clock);
		}
		catch (ResourceAccessException ex) {
			if (neverSent(ex)) {
				throw new GitLabUnavailableException(action + ": GitLab could not be reached (" + rootCause(ex) + ")",
						0, null, ex);
			}
			throw new GitLabOutcomeUnknownException(
					action + ": GitLab's answer was lost (" + rootCause(ex) + "); it may or may not have happened", 0,
					ex);
		}
		catch (RestClientException ex) {
			throw new GitLabOutcomeUnknownException(action + ": GitLab's answer could not be read (" + rootCause(ex)
					+ "); it may or may not have happened", 0, ex);
		}
	}

	private static boolean neverSent(ResourceAccessException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

}
