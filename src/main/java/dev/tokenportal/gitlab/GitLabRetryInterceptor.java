package dev.tokenportal.gitlab;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Retries GitLab calls that are safe to repeat. GitLab's create is not idempotent (every
 * create makes a new token), so only GET, HEAD and DELETE are retried after an I/O error
 * or a 502/503/504. A 429 means GitLab did not act at all, so it is retried for every
 * method, after the {@code Retry-After} GitLab asked for, when that wait is short enough
 * to spend inside a user's request. Every 429 is counted
 * ({@code portal.gitlab.throttled}), by who answered it: GitLab, or the portal's own rate
 * discipline, which held the call back.
 *
 * @author Token Portal team
 */
class GitLabRetryInterceptor implements ClientHttpRequestInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(GitLabRetryInterceptor.class);

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE);

	private static final Set<Integer> TRANSIENT_STATUS = Set.of(502, 503, 504);

	private final GitLabProperties.Retry settings;

	private final Sleeper sleeper;

	private final Clock clock;

	private final Counter throttledByGitLab;

	private final Counter heldBack;

	GitLabRetryInterceptor(GitLabProperties.Retry settings, Sleeper sleeper, Clock clock) {
		// counted nowhere
		this(settings, sleeper, clock, new CompositeMeterRegistry());
	}

	GitLabRetryInterceptor(GitLabProperties.Retry settings, Sleeper sleeper, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.sleeper = sleeper;
		this.clock = clock;
		this.throttledByGitLab = throttled(meters, "gitlab");
		this.heldBack = throttled(meters, "portal");
	}

	private static Counter throttled(MeterRegistry meters, String by) {
		return Counter.builder("portal.gitlab.throttled")
			.description("GitLab calls answered 429: by GitLab, or held back by the portal to stay under its limit")
			.tag("by", by)
			.register(meters);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		boolean idempotent = IDEMPOTENT.contains(request.getMethod());
		Duration backoff = this.settings.initialBackoff();
		for (int attempt = 1;; attempt++) {
			boolean last = attempt >= this.settings.maxAttempts();
			ClientHttpResponse response;
			try {
				response = execution.execute(request, body);
			}
			catch (IOException ex) {
				if (!idempotent || last) {
					throw ex;
				}
				logger.info("GitLab {} {} failed ({}), attempt {} of {}", request.getMethod(),
						request.getURI().getPath(), ex.getClass().getSimpleName(), attempt,
						this.settings.maxAttempts());
				pause(backoff);
				backoff = backoff.multipliedBy(2);
				continue;
			}
			Duration wait = retryWait(response, idempotent, backoff);
			if (last || wait == null) {
				return response;
			}
			logger.info("GitLab {} {} answered {}, retrying in {} ms", request.getMethod(), request.getURI().getPath(),
					response.getStatusCode().value(), wait.toMillis());
			response.close();
			pause(wait);
			backoff = backoff.multipliedBy(2);
		}
	}

	private @Nullable Duration retryWait(ClientHttpResponse response, boolean idempotent, Duration backoff)
			throws IOException {
		int status = response.getStatusCode().value();
		if (status == 429) {
			((response instanceof GitLabRateDiscipline.HeldBack) ? this.heldBack : this.throttledByGitLab).increment();
			Duration asked = RetryAfter.parse(response.getHeaders().getFirst("Retry-After"), this.clock.instant());
			if (asked == null) {
				return backoff;
			}
			return (asked.compareTo(this.settings.maxRetryAfter()) <= 0) ? asked : null;
		}
		return (idempotent && TRANSIENT_STATUS.contains(status)) ? backoff : null;
	}

	private void pause(Duration duration) throws IOException {
		try {
			this.sleeper.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting to retry a GitLab call", ex);
		}
	}

	/**
	 * Waits between attempts; replaced in tests.
	 */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
