package dev.gitlabsandbox;

import java.util.Optional;

/**
 * What a caller may see and do, after GitLab's project and group policies (gitlab-api.md
 * §4). Also resolves {@code :id} path parameters (§1.2), because "not visible" and "does
 * not exist" are the same 404.
 *
 * @author Token Portal team
 */
final class Policies {

	private final SandboxState state;

	Policies(SandboxState state) {
		this.state = state;
	}

	/**
	 * Resolve a project {@code :id}: digits are an id, anything with a slash a full path.
	 * @param caller the caller
	 * @param id the decoded path parameter
	 * @return the project, if the caller can read it
	 */
	SandboxProject project(Caller caller, String id) {
		Optional<SandboxProject> project = isNumeric(id) ? this.state.project(Long.parseLong(id))
				: id.contains("/") ? this.state.projectByPath(id) : Optional.empty();
		return project.filter((found) -> canReadProject(caller, found))
			.orElseThrow(() -> GitLabErrors.notFound("Project"));
	}

	/**
	 * Resolve a group {@code :id}: digits are an id, anything else a full path.
	 * @param caller the caller
	 * @param id the decoded path parameter
	 * @return the group, if the caller can read it
	 */
	SandboxGroup group(Caller caller, String id) {
		Optional<SandboxGroup> group = isNumeric(id) ? this.state.group(Long.parseLong(id))
				: this.state.groupByPath(id);
		return group.filter((found) -> canReadGroup(caller, found)).orElseThrow(() -> GitLabErrors.notFound("Group"));
	}

	/**
	 * The level GitLab compares against: effective access, Owner for an admin in admin
	 * mode.
	 * @param caller the caller
	 * @param source the project or group
	 * @return the access level
	 */
	int level(Caller caller, SourceRef source) {
		return caller.adminMode() ? AccessLevels.OWNER : this.state.effectiveAccess(caller.id(), source);
	}

	boolean canReadProject(Caller caller, SandboxProject project) {
		return level(caller, SourceRef.project(project.id())) >= AccessLevels.GUEST;
	}

	/**
	 * A private group is visible to its members, to members of its ancestors and to
	 * members of anything inside it.
	 * @param caller the caller
	 * @param group the group
	 * @return whether the caller can read the group
	 */
	boolean canReadGroup(Caller caller, SandboxGroup group) {
		if (level(caller, SourceRef.group(group.id())) >= AccessLevels.GUEST) {
			return true;
		}
		return this.state.memberships()
			.stream()
			.filter((member) -> member.userId() == caller.id())
			.anyMatch((member) -> isInside(member.source(), group.id()));
	}

	/**
	 * {@code read_resource_access_tokens} and {@code destroy_resource_access_tokens}:
	 * project Maintainer, group Owner, or admin. Bots of the resource qualify too.
	 * @param caller the caller
	 * @param source the project or group
	 * @return whether the caller may list, get and revoke its tokens
	 */
	boolean canReadTokens(Caller caller, SourceRef source) {
		int required = source.isProject() ? AccessLevels.MAINTAINER : AccessLevels.OWNER;
		return level(caller, source) >= required;
	}

	/**
	 * {@code create_resource_access_tokens} and {@code manage_resource_access_tokens}:
	 * the read ability, creation allowed on the top-level group, and never a bot.
	 * @param caller the caller
	 * @param source the project or group
	 * @return whether the caller may create and rotate its tokens
	 */
	boolean canManageTokens(Caller caller, SourceRef source) {
		return !caller.user().bot() && canReadTokens(caller, source) && creationAllowed(source);
	}

	/**
	 * The top-level group setting of §4.3; personal projects are always allowed.
	 * @param source the project or group
	 * @return whether token creation is allowed
	 */
	boolean creationAllowed(SourceRef source) {
		Long groupId = source.isProject() ? this.state.project(source.id()).orElseThrow().groupId()
				: Long.valueOf(source.id());
		return groupId == null || this.state.rootGroup(groupId).tokenCreationAllowed();
	}

	private boolean isInside(SourceRef source, long groupId) {
		Long memberGroup = source.isProject()
				? this.state.project(source.id()).map(SandboxProject::groupId).orElse(null) : Long.valueOf(source.id());
		return memberGroup != null && this.state.isDescendantOrSelf(memberGroup, groupId);
	}

	static boolean isNumeric(String value) {
		return !value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 18;
	}

}
