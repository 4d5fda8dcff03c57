package dev.tokenportal.gitlab;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's answer to create and rotate: the token object plus {@code token}, the value.
 * Read straight into {@link CreatedAccessToken}; never logged.
 *
 * @author Token Portal team
 */
record AccessTokenWithValue(long id, String name, @Nullable String description, boolean revoked, boolean active,
		List<String> scopes, @JsonProperty("access_level") @Nullable Integer accessLevel,
		@JsonProperty("expires_at") @Nullable LocalDate expiresAt,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt, @JsonProperty("user_id") @Nullable Long userId,
		String token) {

	CreatedAccessToken toCreated() {
		return new CreatedAccessToken(
				new GitLabAccessToken(this.id, this.name, this.description, this.revoked, this.active, this.scopes,
						this.accessLevel, this.expiresAt, this.createdAt, this.lastUsedAt, this.userId),
				this.token);
	}

	@Override
	public String toString() {
		return "AccessTokenWithValue[id=" + this.id + ", token=******]";
	}

}
