package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * GitLab answered 404: the resource does not exist or the caller may not see it.
 *
 * @author Token Portal team
 */
public class GitLabNotFoundException extends GitLabException {

	GitLabNotFoundException(String message, @Nullable Throwable cause) {
		super(message, 404, cause);
	}

}
