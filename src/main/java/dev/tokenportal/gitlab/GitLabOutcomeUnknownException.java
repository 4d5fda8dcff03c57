package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * A call that changes GitLab may or may not have taken effect: the request was sent, but
 * the answer was lost (timeout, reset) or GitLab failed after receiving it (5xx). Such a
 * call must never be repeated blindly; the caller reconciles.
 *
 * @author Token Portal team
 */
public class GitLabOutcomeUnknownException extends GitLabException {

	GitLabOutcomeUnknownException(String message, int status, @Nullable Throwable cause) {
		super(message, status, cause);
	}

}
