package dev.tokenportal.gitlab;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the portal reaches GitLab. Every value comes from the environment in production; a
 * missing one stops startup with a message that names the environment variable.
 *
 * @param url GitLab's base URL ({@code GITLAB_URL}), also the OIDC issuer
 * @param clientId the OAuth application id ({@code GITLAB_CLIENT_ID})
 * @param clientSecret the OAuth application secret ({@code GITLAB_CLIENT_SECRET})
 * @param serviceToken the service account's personal access token
 * ({@code GITLAB_SERVICE_TOKEN}); the only credential the portal writes to GitLab with
 * @param retry how idempotent calls are retried
 * @param circuitBreaker when the portal stops calling a failing or slow GitLab for a
 * while
 * @param rateLimit how the service account keeps under GitLab's rate limit
 * @author Token Portal team
 */
@Validated
@ConfigurationProperties("portal.gitlab")
public record GitLabProperties(
		@NotNull(message = "set GITLAB_URL to GitLab's base URL, e.g. https://gitlab.example.com") @Nullable URI url,
		@NotBlank(
				message = "set GITLAB_CLIENT_ID to the id of the portal's OAuth application in GitLab") @Nullable String clientId,
		@NotBlank(
				message = "set GITLAB_CLIENT_SECRET to the secret of the portal's OAuth application in GitLab") @Nullable String clientSecret,
		@NotBlank(
				message = "set GITLAB_SERVICE_TOKEN to the service account's personal access token (scope api)") @Nullable String serviceToken,
		@DefaultValue Retry retry, @DefaultValue Breaker circuitBreaker, @DefaultValue RateLimit rateLimit) {

	/**
	 * The base URL without a trailing slash, as GitLab's issuer is written.
	 * @return the base URL
	 */
	public String baseUrl() {
		String value = String.valueOf(this.url);
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	@Override
	public String toString() {
		return "GitLabProperties[url=" + this.url + ", clientId=" + this.clientId + ", clientSecret="
				+ mask(this.clientSecret) + ", serviceToken=" + mask(this.serviceToken) + ", retry=" + this.retry
				+ ", circuitBreaker=" + this.circuitBreaker + ", rateLimit=" + this.rateLimit + "]";
	}

	private static String mask(@Nullable String secret) {
		return (secret == null || secret.isEmpty()) ? "<unset>" : "******";
	}

	/**
	 * Retries of idempotent calls (GET, HEAD, DELETE). Creates are never retried.
	 *
	 * @param maxAttempts attempts in total, the first included
	 * @param initialBackoff the wait before the second attempt; doubled for each further
	 * one
	 * @param maxRetryAfter the longest {@code Retry-After} the portal waits for inside
	 * one user request; a longer one fails the call at once
	 */
	public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
			@DefaultValue("5s") Duration maxRetryAfter) {
	}

	/**
	 * The circuit breaker around every GitLab call. When too many of the last calls
	 * failed (no answer, a server error) or were slow, the portal stops calling GitLab
	 * for a while and says so at once, instead of keeping every user waiting for
	 * timeouts; then a few trial calls decide whether GitLab is back.
	 *
	 * @param enabled whether calls go through the breaker
	 * @param windowSize how many of the latest calls are looked at
	 * @param minimumCalls how many calls are needed before the rates count
	 * @param failureRateThreshold the share of failed calls, in percent, that opens it
	 * @param slowCallThreshold a call slower than this counts as slow
	 * @param slowCallRateThreshold the share of slow calls, in percent, that opens it
	 * @param openFor how long GitLab is left alone once it is open
	 * @param trialCalls calls let through to test whether GitLab is back
	 */
	public record Breaker(@DefaultValue("true") boolean enabled, @DefaultValue("20") int windowSize,
			@DefaultValue("10") int minimumCalls, @DefaultValue("50") int failureRateThreshold,
			@DefaultValue("3s") Duration slowCallThreshold, @DefaultValue("80") int slowCallRateThreshold,
			@DefaultValue("30s") Duration openFor, @DefaultValue("3") int trialCalls) {
	}

	/**
	 * The service account's own limit under GitLab's advertised rate limit. GitLab's
	 * limit is per user, so with several portal instances give each a smaller share.
	 *
	 * @param enabled whether the service account keeps to a share of GitLab's limit
	 * @param share the share of GitLab's {@code RateLimit-Limit} the portal uses
	 * @param maxWait the longest a call waits for its turn inside a user's request;
	 * longer, and it is refused without being sent
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("0.66") double share,
			@DefaultValue("2s") Duration maxWait) {

		public RateLimit {
			if (!(share > 0 && share <= 1)) {
				throw new IllegalArgumentException(
						"portal.gitlab.rate-limit.share must be above 0 and at most 1, not " + share);
			}
		}

	}

}
