package dev.tokenportal.gitlab;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Keeps the service account under GitLab's rate limit instead of running into it
 * (security.md 10.3). Once GitLab has advertised its limit ({@code RateLimit-Limit},
 * requests per minute), the portal sends at most a share of it (66 % by default) with a
 * burst of half that share, as go-gitlab does. A call that would have to wait longer than
 * {@code max-wait} is not sent: it is answered here with 429 and {@code Retry-After}, so
 * the retry interceptor around this one may wait and try again, and a create has a known
 * outcome.
 *
 * @author Token Portal team
 */
class GitLabRateDiscipline implements ClientHttpRequestInterceptor {

	static final String LIMIT_HEADER = "RateLimit-Limit";

	private static final Logger logger = LoggerFactory.getLogger(GitLabRateDiscipline.class);

	private final GitLabProperties.RateLimit settings;

	private final TimeMeter time;

	private final BlockingStrategy waiting;

	private volatile @Nullable Budget budget;

	GitLabRateDiscipline(GitLabProperties.RateLimit settings, TimeMeter time, BlockingStrategy waiting) {
		this.settings = settings;
		this.time = time;
		this.waiting = waiting;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Budget current = this.budget;
		if (current != null && !take(current)) {
			long waitSeconds = Math.max(1,
					(current.bucket().estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L)
							/ 1_000_000_000L);
			logger.warn("Holding back GitLab {} {}: the portal keeps to {} of GitLab's {} requests a minute",
					request.getMethod(), request.getURI().getPath(), current.perMinute(), current.limit());
			return new HeldBack(waitSeconds);
		}
		ClientHttpResponse response = execution.execute(request, body);
		learn(response.getHeaders().getFirst(LIMIT_HEADER));
		return response;
	}

	/**
	 * The portal's own budget, once GitLab has advertised a limit.
	 * @return requests a minute, or {@code null} before GitLab said
	 */
	@Nullable Integer perMinute() {
		Budget current = this.budget;
		return (current != null) ? current.perMinute() : null;
	}

	private boolean take(Budget current) throws IOException {
		try {
			return current.bucket().asBlocking().tryConsume(1, this.settings.maxWait(), this.waiting);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting to stay under GitLab's rate limit", ex);
		}
	}

	private void learn(@Nullable String header) {
		int limit;
		try {
			limit = (header != null) ? Integer.parseInt(header.strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return;
		}
		Budget current = this.budget;
		if (limit <= 0 || (current != null && current.limit() == limit)) {
			return;
		}
		int perMinute = Math.max(1, (int) Math.floor(limit * this.settings.share()));
		int burst = Math.max(1, perMinute / 2);
		Bucket bucket = Bucket.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.withCustomTimePrecision(this.time)
			.build();
		this.budget = new Budget(limit, perMinute, bucket);
		logger.info("GitLab allows {} requests a minute; the portal keeps to {} (burst {})", limit, perMinute, burst);
	}

	private record Budget(int limit, int perMinute, Bucket bucket) {
	}

	/** The answer to a call that was not sent (the retry interceptor counts it apart). */
	static final class HeldBack implements ClientHttpResponse {

		private final HttpHeaders headers = new HttpHeaders();

		private final byte[] body;

		HeldBack(long waitSeconds) {
			this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
			this.headers.setContentType(MediaType.APPLICATION_JSON);
			this.body = ("{\"message\":\"The portal held this call back to stay under GitLab's rate limit; "
					+ "nothing was sent\"}")
				.getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.TOO_MANY_REQUESTS;
		}

		@Override
		public String getStatusText() {
			return "Too Many Requests";
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

}
