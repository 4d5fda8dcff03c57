package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A direct membership of a user in a project or group. Inherited access is computed,
 * never stored.
 *
 * @param source the project or group
 * @param userId the member
 * @param accessLevel the direct access level
 * @param createdAt when the membership was created
 * @param createdById who added the member, if known
 * @author Token Portal team
 */
public record SandboxMembership(SourceRef source, long userId, int accessLevel, Instant createdAt,
		@Nullable Long createdById) {

	SandboxMembership withAccessLevel(int level) {
		return new SandboxMembership(this.source, this.userId, level, this.createdAt, this.createdById);
	}

}
