package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A GitLab group. The hierarchy never changes, so full path and full name are kept with
 * it.
 *
 * @param id the group (namespace) id
 * @param name the display name
 * @param path the last path segment
 * @param parentId the parent group, {@code null} for a top-level group
 * @param fullPath the slash-separated path from the top-level group
 * @param fullName the " / "-separated names from the top-level group
 * @param tokenCreationAllowed the top-level setting of gitlab-api.md §4.3 (always true on
 * subgroups)
 * @param createdAt when the group was created
 * @author Token Portal team
 */
public record SandboxGroup(long id, String name, String path, @Nullable Long parentId, String fullPath, String fullName,
		boolean tokenCreationAllowed, Instant createdAt) {

	public boolean topLevel() {
		return this.parentId == null;
	}

	SandboxGroup withTokenCreationAllowed(boolean allowed) {
		return new SandboxGroup(this.id, this.name, this.path, this.parentId, this.fullPath, this.fullName, allowed,
				this.createdAt);
	}

}
