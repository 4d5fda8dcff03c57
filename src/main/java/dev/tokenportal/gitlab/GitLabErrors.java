package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientResponseException;

/**
 * Turns GitLab's error answers into portal exceptions, by status (never by message text
 * alone), keeping GitLab's reason for the user.
 *
 * @author Token Portal team
 */
final class GitLabErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private GitLabErrors() {
	}

	static GitLabException translate(String action, RestClientResponseException ex, Clock clock) {
		int status = ex.getStatusCode().value();
		String reason = reason(ex.getResponseBodyAsString(), status);
		String message = action + ": " + reason;
		if (status == 401 || status == 403) {
			return new GitLabAccessDeniedException(message, status, ex);
		}
		if (status == 404) {
			return new GitLabNotFoundException(message, ex);
		}
		if (status == 429) {
			return new GitLabUnavailableException(message, status, retryAfter(ex, clock), ex);
		}
		if (status >= 500) {
			return new GitLabUnavailableException(message, status, null, ex);
		}
		return new GitLabRefusedException(message, status, ex);
	}

	/**
	 * GitLab's reason from its body: {@code {"message": …}} for business errors,
	 * {@code {"error": …}} for parameter validation, {@code error_description} for OAuth,
	 * plain text for rate limits.
	 */
	static String reason(@Nullable String body, int status) {
		String fallback = status + " " + statusPhrase(status);
		if (body == null || body.isBlank()) {
			return fallback;
		}
		try {
			JsonNode json = JSON.readTree(body);
			String text = firstText(json.get("message"), json.get("error_description"), json.get("error"));
			return (text != null) ? text : fallback;
		}
		catch (JacksonException ex) {
			String text = body.strip();
			return (text.length() <= 200) ? text : fallback;
		}
	}

	private static @Nullable String firstText(@Nullable JsonNode... nodes) {
		for (JsonNode node : nodes) {
			if (node == null || node.isNull()) {
				continue;
			}
			if (node.isString()) {
				return node.asString();
			}
			if (node.isObject() && node.has("error")) {
				return node.get("error").asString();
			}
			return node.toString();
		}
		return null;
	}

	private static @Nullable Duration retryAfter(RestClientResponseException ex, Clock clock) {
		String value = (ex.getResponseHeaders() != null) ? ex.getResponseHeaders().getFirst("Retry-After") : null;
		return RetryAfter.parse(value, clock.instant());
	}

	private static String statusPhrase(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "";
	}

}
