package dev.gitlabsandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Projects, groups and effective memberships (gitlab-api.md §6): what a user can see and
 * how much access they have, direct or inherited.
 *
 * @author Token Portal team
 */
final class ProjectsAndGroupsEndpoints {

	private static final Set<Integer> MIN_ACCESS_LEVELS = Set.of(5, 10, 15, 20, 30, 40, 50);

	private final SandboxState state;

	private final Policies policies;

	private final Entities entities;

	ProjectsAndGroupsEndpoints(SandboxState state, Policies policies, Entities entities) {
		this.state = state;
		this.policies = policies;
		this.entities = entities;
	}

	void register(Router router) {
		router.get("/api/v4/projects", this::listProjects);
		router.get("/api/v4/projects/{id}", this::showProject);
		router.get("/api/v4/projects/{id}/members/all", this::listProjectMembers);
		router.get("/api/v4/projects/{id}/members/all/{user_id}", this::showProjectMember);
		router.get("/api/v4/groups", this::listGroups);
		router.get("/api/v4/groups/{id}", this::showGroup);
		router.get("/api/v4/groups/{id}/members/all", this::listGroupMembers);
		router.get("/api/v4/groups/{id}/members/all/{user_id}", this::showGroupMember);
	}

	private SandboxResponse listProjects(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		boolean membership = Boolean.TRUE.equals(params.optionalBoolean("membership"));
		Integer minAccessLevel = params.optionalInteger("min_access_level", MIN_ACCESS_LEVELS);
		String search = params.optionalString("search");
		boolean owned = Boolean.TRUE.equals(params.optionalBoolean("owned"));
		boolean simple = Boolean.TRUE.equals(params.optionalBoolean("simple"));
		String orderBy = params.optionalValue("order_by", Set.of("id", "name", "path", "created_at"));
		String sort = params.optionalValue("sort", Set.of("asc", "desc"));
		params.validate();
		Caller caller = request.caller();
		// Admins see every project unless they ask for their memberships (§6.2).
		boolean all = caller.adminMode() && !membership && minAccessLevel == null;
		int level = (minAccessLevel != null) ? minAccessLevel : AccessLevels.GUEST;
		Comparator<SandboxProject> order = switch ((orderBy != null) ? orderBy : "created_at") {
			case "name" -> Comparator.comparing(SandboxProject::name);
			case "path" -> Comparator.comparing(SandboxProject::path);
			case "id" -> Comparator.comparingLong(SandboxProject::id);
			default -> Comparator.comparing(SandboxProject::createdAt).thenComparingLong(SandboxProject::id);
		};
		List<Entities.ProjectEntity> projects = this.state.projects()
			.stream()
			.filter((project) -> all || access(caller, project) >= level)
			.filter((project) -> !owned || owns(caller, project))
			.filter((project) -> search == null || matches(search, project.name(), project.path()))
			.sorted("asc".equals(sort) ? order : order.reversed())
			.map((project) -> this.entities.project(project, simple, simple ? null : listPermissions(caller, project)))
			.toList();
		return Pagination.page(request, projects);
	}

	private SandboxResponse showProject(SandboxRequest request) {
		Caller caller = request.caller();
		SandboxProject project = this.policies.project(caller, request.pathVariable("id"));
		Integer groupAccess = null;
		if (project.groupId() != null) {
			groupAccess = this.state.effectiveMembership(caller.id(), SourceRef.group(project.groupId()))
				.map(SandboxMembership::accessLevel)
				.orElse(null);
		}
		Entities.PermissionsEntity permissions = Entities.permissions(directAccess(caller, project), groupAccess);
		return SandboxResponse.json(200, this.entities.project(project, false, permissions));
	}

	private SandboxResponse showProjectMember(SandboxRequest request) {
		long userId = userIdParam(request);
		SandboxProject project = this.policies.project(request.caller(), request.pathVariable("id"));
		return showEffectiveMembership(userId, SourceRef.project(project.id()));
	}

	private SandboxResponse listGroups(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		Integer minAccessLevel = params.optionalInteger("min_access_level", MIN_ACCESS_LEVELS);
		String search = params.optionalString("search");
		boolean owned = Boolean.TRUE.equals(params.optionalBoolean("owned"));
		boolean topLevelOnly = Boolean.TRUE.equals(params.optionalBoolean("top_level_only"));
		String orderBy = params.optionalValue("order_by", Set.of("name", "path", "id"));
		String sort = params.optionalValue("sort", Set.of("asc", "desc"));
		params.validate();
		Caller caller = request.caller();
		boolean all = caller.adminMode() && minAccessLevel == null;
		int level = (minAccessLevel != null) ? minAccessLevel : AccessLevels.GUEST;
		Comparator<SandboxGroup> order = switch ((orderBy != null) ? orderBy : "name") {
			case "path" -> Comparator.comparing(SandboxGroup::fullPath);
			case "id" -> Comparator.comparingLong(SandboxGroup::id);
			default -> Comparator.comparing(SandboxGroup::name).thenComparingLong(SandboxGroup::id);
		};
		// Membership of a group reaches its descendants, so effective access decides
		// (§6.2);
		// owned=true means a direct Owner membership, without descendants.
		Predicate<SandboxGroup> visible = (group) -> all
				|| this.state.effectiveAccess(caller.id(), SourceRef.group(group.id())) >= level;
		List<Entities.GroupEntity> groups = this.state.groups()
			.stream()
			.filter(visible)
			.filter((group) -> !owned || directAccess(caller.id(), SourceRef.group(group.id())) == AccessLevels.OWNER)
			.filter((group) -> !topLevelOnly || group.topLevel())
			.filter((group) -> search == null || matches(search, group.name(), group.path()))
			.sorted("desc".equals(sort) ? order.reversed() : order)
			.map(this.entities::group)
			.toList();
		return Pagination.page(request, groups);
	}

	private SandboxResponse showGroup(SandboxRequest request) {
		SandboxGroup group = this.policies.group(request.caller(), request.pathVariable("id"));
		return SandboxResponse.json(200, this.entities.group(group));
	}

	private SandboxResponse showGroupMember(SandboxRequest request) {
		long userId = userIdParam(request);
		SandboxGroup group = this.policies.group(request.caller(), request.pathVariable("id"));
		return showEffectiveMembership(userId, SourceRef.group(group.id()));
	}

	private SandboxResponse listProjectMembers(SandboxRequest request) {
		SandboxProject project = this.policies.project(request.caller(), request.pathVariable("id"));
		return listEffectiveMembers(request, SourceRef.project(project.id()));
	}

	private SandboxResponse listGroupMembers(SandboxRequest request) {
		SandboxGroup group = this.policies.group(request.caller(), request.pathVariable("id"));
		return listEffectiveMembers(request, SourceRef.group(group.id()));
	}

	/**
	 * Every member with their highest effective membership, direct or inherited, one
	 * entry per user, bots included (gitlab-api.md §6.1); {@code query} narrows by name
	 * or username.
	 */
	private SandboxResponse listEffectiveMembers(SandboxRequest request, SourceRef source) {
		GrapeParams params = new GrapeParams(request.params());
		String query = params.optionalString("query");
		params.validate();
		List<Entities.MemberEntity> members = this.state.effectiveMembers(source)
			.stream()
			.filter((membership) -> query == null || this.state.user(membership.userId())
				.map((user) -> matches(query, user.name(), user.username()))
				.orElse(false))
			.map(this.entities::member)
			.toList();
		return Pagination.page(request, members);
	}

	private SandboxResponse showEffectiveMembership(long userId, SourceRef source) {
		SandboxMembership membership = this.state.effectiveMembership(userId, source)
			.orElseThrow(GitLabErrors::recordNotFound);
		return SandboxResponse.json(200, this.entities.member(membership));
	}

	private static long userIdParam(SandboxRequest request) {
		String userId = request.pathVariable("user_id");
		if (!Policies.isNumeric(userId)) {
			throw GitLabErrors.validation(List.of("user_id is invalid"));
		}
		return Long.parseLong(userId);
	}

	private int access(Caller caller, SandboxProject project) {
		return this.state.effectiveAccess(caller.id(), SourceRef.project(project.id()));
	}

	private boolean owns(Caller caller, SandboxProject project) {
		return Long.valueOf(caller.id()).equals(project.ownerId()) || (project.groupId() != null
				&& directAccess(caller.id(), SourceRef.group(project.groupId())) == AccessLevels.OWNER);
	}

	/**
	 * List responses show the direct project membership and only the direct parent
	 * group's membership (gitlab-api.md §6.2).
	 */
	private Entities.PermissionsEntity listPermissions(Caller caller, SandboxProject project) {
		Integer groupAccess = (project.groupId() != null)
				? nullIfNone(directAccess(caller.id(), SourceRef.group(project.groupId()))) : null;
		return Entities.permissions(directAccess(caller, project), groupAccess);
	}

	private @Nullable Integer directAccess(Caller caller, SandboxProject project) {
		return nullIfNone(directAccess(caller.id(), SourceRef.project(project.id())));
	}

	private int directAccess(long userId, SourceRef source) {
		return this.state.membership(source, userId).map(SandboxMembership::accessLevel).orElse(AccessLevels.NO_ACCESS);
	}

	private static @Nullable Integer nullIfNone(int level) {
		return (level == AccessLevels.NO_ACCESS) ? null : level;
	}

	private static boolean matches(String search, String... values) {
		String term = search.toLowerCase(Locale.ROOT);
		return Stream.of(values).anyMatch((value) -> value.toLowerCase(Locale.ROOT).contains(term));
	}

}
