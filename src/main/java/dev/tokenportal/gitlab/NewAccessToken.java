package dev.tokenportal.gitlab;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What the portal asks GitLab to create.
 *
 * @param name the token's name; the portal makes it findable again (names are not unique)
 * @param description the description
 * @param scopes the scopes
 * @param accessLevel the access level
 * @param expiresAt the expiry date (GitLab caps it at 365 days)
 * @author Token Portal team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccessToken(String name, @Nullable String description, List<String> scopes,
		@JsonProperty("access_level") int accessLevel, @JsonProperty("expires_at") LocalDate expiresAt) {
}
