package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab user as {@code GET /user} describes them.
 *
 * @param id GitLab's user id (the OIDC {@code sub})
 * @param username the handle
 * @param name the display name
 * @param avatarUrl the avatar, if any
 * @param webUrl the profile page
 * @param isAdmin {@code true} when GitLab reports an administrator; GitLab sends the
 * field only to administrators
 * @author Token Portal team
 */
public record GitLabUser(long id, String username, String name, @JsonProperty("avatar_url") @Nullable String avatarUrl,
		@JsonProperty("web_url") @Nullable String webUrl, @JsonProperty("is_admin") @Nullable Boolean isAdmin) {

	/**
	 * Whether GitLab reports the user as an administrator.
	 * @return {@code true} for administrators
	 */
	public boolean admin() {
		return Boolean.TRUE.equals(this.isAdmin);
	}

}
