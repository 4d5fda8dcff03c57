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
		@DefaultValue Retry retry) {

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
				+ mask(this.clientSecret) + ", serviceToken=" + mask(this.serviceToken) + ", retry=" + this.retry + "]";
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

}
