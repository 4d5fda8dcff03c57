package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The namespace a project lives in: a group or a user's personal namespace.
 *
 * @param id the namespace id
 * @param kind {@code group} or {@code user}
 * @param fullPath the namespace's full path
 * @author Token Portal team
 */
public record GitLabNamespace(long id, String kind, @JsonProperty("full_path") String fullPath) {
}
