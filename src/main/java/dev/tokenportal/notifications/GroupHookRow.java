package dev.tokenportal.notifications;

import org.jspecify.annotations.Nullable;

/**
 * One top-level group on the webhooks admin page.
 *
 * @param groupId the group
 * @param fullPath its path
 * @param state whether the portal's hook is there, or why the portal cannot tell
 * @param hookId the portal's hook, when registered
 * @param detail GitLab's words when it could not be asked
 * @author Token Portal team
 */
public record GroupHookRow(long groupId, String fullPath, State state, @Nullable Long hookId, @Nullable String detail) {

	/**
	 * Where the portal's hook stands in a group.
	 */
	public enum State {

		/** The portal's receiver is registered with access token events. */
		REGISTERED,

		/** No hook of the group points at the portal. */
		ABSENT,

		/** GitLab refused to list the group's hooks: not Owner, or no group webhooks. */
		NOT_OWNER,

		/** GitLab could not be asked. */
		UNAVAILABLE

	}

}
