package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A project or group webhook as GitLab lists it; GitLab never returns its secret token.
 *
 * @param id the hook id
 * @param url where GitLab sends events
 * @param resourceAccessTokenEvents whether access token events (expiry) are sent
 * @param alertStatus {@code executable}, {@code temporarily_disabled} or {@code disabled}
 * after repeated failures
 * @author Token Portal team
 */
public record GitLabHook(long id, String url,
		@JsonProperty("resource_access_token_events") boolean resourceAccessTokenEvents,
		@JsonProperty("alert_status") @Nullable String alertStatus) {
}
