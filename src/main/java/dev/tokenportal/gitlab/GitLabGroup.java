package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab group, with the fields the portal shows.
 *
 * @param id the group id
 * @param name the group name
 * @param fullPath the full path, e.g. {@code platform/backend}
 * @param parentId the parent group, or {@code null} for a top-level group
 * @param webUrl the group's page in GitLab
 * @author Token Portal team
 */
public record GitLabGroup(long id, String name, @JsonProperty("full_path") String fullPath,
		@JsonProperty("parent_id") @Nullable Long parentId, @JsonProperty("web_url") @Nullable String webUrl) {

	/**
	 * Whether this is a top-level group (where GitLab keeps the token-creation setting).
	 * @return {@code true} without a parent
	 */
	public boolean topLevel() {
		return this.parentId == null;
	}

}
