package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A GitLab project, in a group or in a user's personal namespace.
 *
 * @param id the project id
 * @param name the display name
 * @param path the last path segment
 * @param description the description
 * @param namespaceId the id of the namespace (group id, or the owner's personal namespace
 * id)
 * @param groupId the group the project lives in, {@code null} for a personal project
 * @param ownerId the user whose personal namespace holds the project, {@code null} for a
 * group project
 * @param pathWithNamespace the full path
 * @param nameWithNamespace the full name
 * @param createdAt when the project was created
 * @author Token Portal team
 */
public record SandboxProject(long id, String name, String path, String description, long namespaceId,
		@Nullable Long groupId, @Nullable Long ownerId, String pathWithNamespace, String nameWithNamespace,
		Instant createdAt) {

	public boolean personal() {
		return this.groupId == null;
	}

}
