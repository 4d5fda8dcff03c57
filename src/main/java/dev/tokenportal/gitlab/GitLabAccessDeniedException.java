package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * GitLab refused the credential or its scope (401/403), or the user's GitLab sign-in
 * could not be renewed.
 *
 * @author Token Portal team
 */
public class GitLabAccessDeniedException extends GitLabException {

	GitLabAccessDeniedException(String message, int status, @Nullable Throwable cause) {
		super(message, status, cause);
	}

}
