package dev.tokenportal.gitlab;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth access token as Doorkeeper's {@code GET /oauth/token/info} describes it
 * (gitlab-api.md §7.1).
 *
 * @param resourceOwnerId the user
 * @param scope the granted scopes
 * @param expiresIn seconds left, or {@code null} for a token that does not expire
 * @author Token Portal team
 */
record OAuthTokenInfo(@JsonProperty("resource_owner_id") long resourceOwnerId, @Nullable List<String> scope,
		@JsonProperty("expires_in") @Nullable Long expiresIn) {
}
