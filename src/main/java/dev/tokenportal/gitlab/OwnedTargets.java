package dev.tokenportal.gitlab;

import java.util.Set;

/**
 * Where a user is an effective Owner.
 *
 * @param projectIds projects
 * @param groupIds groups (subgroups of owned groups included)
 * @author Token Portal team
 */
public record OwnedTargets(Set<Long> projectIds, Set<Long> groupIds) {

	public OwnedTargets {
		projectIds = Set.copyOf(projectIds);
		groupIds = Set.copyOf(groupIds);
	}

	/**
	 * Whether the user owns a target.
	 * @param resource project or group
	 * @param id its id
	 * @return {@code true} if owned
	 */
	public boolean owns(GitLabResource resource, long id) {
		return (resource == GitLabResource.PROJECT) ? this.projectIds.contains(id) : this.groupIds.contains(id);
	}

}
