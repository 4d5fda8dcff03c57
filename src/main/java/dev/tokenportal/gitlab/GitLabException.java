package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * GitLab did not do what the portal asked. The message is GitLab's own reason (or what
 * went wrong on the way), safe to show to the user; it never carries a credential.
 *
 * @author Token Portal team
 */
public abstract class GitLabException extends RuntimeException {

	private final int status;

	GitLabException(String message, int status, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/**
	 * The HTTP status GitLab answered with.
	 * @return the status, or {@code 0} when no answer arrived
	 */
	public int status() {
		return this.status;
	}

}
