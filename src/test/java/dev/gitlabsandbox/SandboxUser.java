package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A GitLab user as the sandbox stores it: a seeded human or a project/group bot.
 *
 * @param id the user id
 * @param username the username
 * @param name the full name
 * @param email the primary email
 * @param admin whether the user is a GitLab administrator
 * @param botOf for a resource bot, the project or group it was created for
 * @param createdAt when the user was created
 * @param state {@code active}, or {@code blocked} once an administrator blocked the user
 * @author Token Portal team
 */
public record SandboxUser(long id, String username, String name, String email, boolean admin, @Nullable SourceRef botOf,
		Instant createdAt, String state) {

	/** GitLab's state of a user who may sign in and use the API. */
	public static final String ACTIVE = "active";

	/** GitLab's state of a user an administrator blocked. */
	public static final String BLOCKED = "blocked";

	public boolean bot() {
		return this.botOf != null;
	}

	/**
	 * Whether the user may sign in and use the API.
	 * @return {@code true} unless blocked
	 */
	public boolean active() {
		return ACTIVE.equals(this.state);
	}

	SandboxUser withAdmin(boolean newAdmin) {
		return new SandboxUser(this.id, this.username, this.name, this.email, newAdmin, this.botOf, this.createdAt,
				this.state);
	}

	SandboxUser withState(String newState) {
		return new SandboxUser(this.id, this.username, this.name, this.email, this.admin, this.botOf, this.createdAt,
				newState);
	}

}
