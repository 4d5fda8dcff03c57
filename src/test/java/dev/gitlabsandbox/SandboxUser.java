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
 * @author Token Portal team
 */
public record SandboxUser(long id, String username, String name, String email, boolean admin, @Nullable SourceRef botOf,
		Instant createdAt) {

	public boolean bot() {
		return this.botOf != null;
	}

}
