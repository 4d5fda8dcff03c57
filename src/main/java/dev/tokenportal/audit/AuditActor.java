package dev.tokenportal.audit;

import org.jspecify.annotations.Nullable;

/**
 * Who did it: a GitLab user, or the portal itself for scheduled jobs.
 *
 * @param gitlabUserId the GitLab user id, or {@code null} for the system
 * @param username the GitLab username, or {@code system}
 * @author Token Portal team
 */
public record AuditActor(@Nullable Long gitlabUserId, String username) {

	/** The portal's own jobs. */
	public static final AuditActor SYSTEM = new AuditActor(null, "system");

	/**
	 * A GitLab user.
	 * @param gitlabUserId the user id
	 * @param username the username
	 * @return the actor
	 */
	public static AuditActor user(long gitlabUserId, String username) {
		return new AuditActor(gitlabUserId, username);
	}

}
