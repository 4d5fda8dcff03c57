package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * GitLab understood the request and refused it with a reason (400 and other 4xx), for
 * example a group that forbids token creation or a scope the instance does not offer.
 *
 * @author Token Portal team
 */
public class GitLabRefusedException extends GitLabException {

	GitLabRefusedException(String message, int status, @Nullable Throwable cause) {
		super(message, status, cause);
	}

}
