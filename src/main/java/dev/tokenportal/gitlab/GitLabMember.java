package dev.tokenportal.gitlab;

import java.util.regex.Pattern;

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
	 * The usernames GitLab gives the bot user behind a project or group access token
	 * ({@code project_12_bot_3f…}, older {@code project_12_bot1}; gitlab-api.md §4.5).
	 * The member entity has no {@code bot} field, so the name is all there is.
	 */
	private static final Pattern TOKEN_BOT = Pattern.compile("(project|group)_[0-9]+_bot(_?[0-9a-f]*)");

	/**
	 * Whether the membership makes the user an effective Owner.
	 * @return {@code true} at Owner level and active
	 */
	public boolean isActiveOwner() {
		return this.accessLevel >= OWNER && (this.state == null || "active".equals(this.state));
	}

	/**
	 * Whether the member could approve a request: an active Owner who is a person, not
	 * the bot of an access token.
	 * @return {@code true} for an active human Owner
	 */
	public boolean isEligibleApprover() {
		return isActiveOwner() && !TOKEN_BOT.matcher(this.username).matches();
	}

}
