package dev.tokenportal.gitlab;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A project or group access token as GitLab describes it, without its value.
 *
 * @param id GitLab's token id
 * @param name the name (not unique in GitLab)
 * @param description the description, if any
 * @param revoked whether it was revoked
 * @param active not revoked and not expired
 * @param scopes its scopes
 * @param accessLevel the bot's access level in the resource
 * @param expiresAt the date it stops working (00:00 UTC)
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, if ever
 * @param userId the bot user's id
 * @author Token Portal team
 */
public record GitLabAccessToken(long id, String name, @Nullable String description, boolean revoked, boolean active,
		List<String> scopes, @JsonProperty("access_level") @Nullable Integer accessLevel,
		@JsonProperty("expires_at") @Nullable LocalDate expiresAt,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt, @JsonProperty("user_id") @Nullable Long userId) {

	public GitLabAccessToken {
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

}
