package dev.tokenportal.gitlab;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * GitLab could not be reached, timed out, failed (5xx) or asked the portal to slow down
 * (429).
 *
 * @author Token Portal team
 */
public class GitLabUnavailableException extends GitLabException {

	private final @Nullable Duration retryAfter;

	GitLabUnavailableException(String message, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, status, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * How long GitLab asked the portal to wait, when it answered 429.
	 * @return the wait, or {@code null}
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
