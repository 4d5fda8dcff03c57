package dev.tokenportal.gitlab;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A personal, project or group access token as {@code GET /personal_access_tokens/self}
 * describes it (gitlab-api.md §2.7).
 *
 * @param id the token's id
 * @param userId its user (the bot user for project and group tokens)
 * @param scopes its scopes
 * @param active not revoked and not expired
 * @param expiresAt the day it stops working (00:00 UTC), or {@code null}
 * @author Token Portal team
 */
record SelfToken(long id, @JsonProperty("user_id") long userId, @Nullable List<String> scopes, @Nullable Boolean active,
		@JsonProperty("expires_at") @Nullable LocalDate expiresAt) {
}
