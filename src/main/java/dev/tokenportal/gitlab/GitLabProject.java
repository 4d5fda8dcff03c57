package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab project, with the fields the portal shows.
 *
 * @param id the project id
 * @param name the project name
 * @param pathWithNamespace the full path, e.g. {@code platform/backend/api}
 * @param description the description, if any
 * @param webUrl the project's page in GitLab
 * @param namespace where the project lives
 * @author Token Portal team
 */
public record GitLabProject(long id, String name, @JsonProperty("path_with_namespace") String pathWithNamespace,
		@Nullable String description, @JsonProperty("web_url") @Nullable String webUrl,
		@Nullable GitLabNamespace namespace) {
}
