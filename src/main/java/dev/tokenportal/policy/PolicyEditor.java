package dev.tokenportal.policy;

import org.jspecify.annotations.Nullable;

/**
 * Who changes the policy: a portal admin, or the portal itself (seeding, tests).
 *
 * @param gitlabUserId the admin's GitLab user id, {@code null} for the portal
 * @param username the admin's username, {@code system} for the portal
 * @author Token Portal team
 */
public record PolicyEditor(@Nullable Long gitlabUserId, String username) {

	/** The portal itself. */
	public static final PolicyEditor SYSTEM = new PolicyEditor(null, "system");

	/**
	 * A portal admin.
	 * @param gitlabUserId the admin's GitLab user id
	 * @param username the admin's username
	 * @return the editor
	 */
	public static PolicyEditor user(long gitlabUserId, String username) {
		return new PolicyEditor(gitlabUserId, username);
	}

}
