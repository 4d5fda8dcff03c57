package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A user's effective membership in a project or group ({@code members/all}): the highest
 * of direct, inherited and shared access.
 *
 * @param id the user id
 * @param username the username
 * @param name the display name
 * @param state {@code active}, {@code blocked}, …
 * @param accessLevel the effective access level
 * @author Token Portal team
 */
public record GitLabMember(long id, String username, String name, @Nullable String state,
		@JsonProperty("access_level") int accessLevel) {

	/** GitLab's Owner level. */
	public static final int OWNER = 50;

	/**
	 * Whether the membership makes the user an effective Owner.
	 * @return {@code true} at Owner level and active
	 */
	public boolean isActiveOwner() {
		return this.accessLevel >= OWNER && (this.state == null || "active".equals(this.state));
	}

}
