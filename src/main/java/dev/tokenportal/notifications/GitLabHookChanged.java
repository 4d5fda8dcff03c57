package dev.tokenportal.notifications;

import java.time.Instant;

/**
 * An admin added the portal's webhook to a top-level group, or removed it; audited.
 *
 * @param registered {@code true} when added, {@code false} when removed
 * @param groupId the group
 * @param groupPath its path
 * @param hookId GitLab's hook id
 * @param url the receiver's URL
 * @param adminId the admin's GitLab user id
 * @param adminUsername the admin's username
 * @param at when
 * @author Token Portal team
 */
public record GitLabHookChanged(boolean registered, long groupId, String groupPath, long hookId, String url,
		long adminId, String adminUsername, Instant at) {
}
