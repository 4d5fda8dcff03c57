package dev.gitlabsandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's API entities as records (serialized snake_case by {@link Json}), and the
 * mapping from the sandbox model. Timestamps carry milliseconds and {@code Z}, dates are
 * {@code YYYY-MM-DD} (gitlab-api.md §3).
 *
 * @author Token Portal team
 */
final class Entities {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** GitLab's "global" notification level, as shown in project permissions. */
	private static final int NOTIFICATION_GLOBAL = 3;

	private final String baseUrl;

	private final SandboxState state;

	Entities(String baseUrl, SandboxState state) {
		this.baseUrl = baseUrl;
		this.state = state;
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	static @Nullable String timestampOrNull(@Nullable Instant instant) {
		return (instant != null) ? timestamp(instant) : null;
	}

	static @Nullable String dateOrNull(@Nullable LocalDate date) {
		return (date != null) ? date.toString() : null;
	}

	TokenEntity accessToken(SandboxToken token, SourceRef source, @Nullable String value) {
		int accessLevel = this.state.membership(source, token.userId())
			.map(SandboxMembership::accessLevel)
			.orElse(AccessLevels.NO_ACCESS);
		return new TokenEntity(token.id(), token.name(), token.revoked(), timestamp(token.createdAt()),
				token.description(), token.scopes(), token.userId(), timestampOrNull(token.lastUsedAt()),
				token.active(this.state.today()), dateOrNull(token.expiresAt()), accessLevel, value);
	}

	PersonalTokenEntity personalToken(SandboxToken token) {
		return new PersonalTokenEntity(token.id(), token.name(), token.revoked(), timestamp(token.createdAt()),
				token.description(), token.scopes(), token.userId(), timestampOrNull(token.lastUsedAt()),
				token.active(this.state.today()), dateOrNull(token.expiresAt()));
	}

	UserBasicEntity userBasic(SandboxUser user) {
		return new UserBasicEntity(user.id(), user.username(), user.name(), user.state(), false, avatarUrl(user),
				userUrl(user), timestamp(user.createdAt()), "", "", user.bot());
	}

	/**
	 * A user as {@code GET /users/:id} shows them: the public e-mail only, unless the
	 * caller acts as administrator, who also sees the primary and commit e-mail
	 * (gitlab-api.md §14.1).
	 */
	UserEntity user(SandboxUser user, boolean adminView) {
		String publicEmail = this.state.publicEmail(user.id());
		return new UserEntity(user.id(), user.username(), user.name(), user.state(), false, avatarUrl(user),
				userUrl(user), timestamp(user.createdAt()), "", (publicEmail != null) ? publicEmail : "", user.bot(),
				adminView ? user.email() : null, adminView ? user.email() : null, adminView ? user.admin() : null);
	}

	CurrentUserEntity currentUser(SandboxUser user, boolean showAdmin) {
		return new CurrentUserEntity(user.id(), user.username(), user.name(), user.state(), false, avatarUrl(user),
				userUrl(user), timestamp(user.createdAt()), "", "", user.bot(), user.email(), user.email(),
				timestamp(user.createdAt()), false, false, false, !user.bot(), !user.bot(),
				showAdmin ? user.admin() : null);
	}

	MemberEntity member(SandboxMembership membership) {
		SandboxUser user = this.state.user(membership.userId()).orElseThrow();
		UserRefEntity createdBy = (membership.createdById() != null)
				? this.state.user(membership.createdById()).map(this::userRef).orElse(null) : null;
		return new MemberEntity(user.id(), user.username(), user.name(), user.state(), false, avatarUrl(user),
				userUrl(user), membership.accessLevel(), timestamp(membership.createdAt()), createdBy, null, "active");
	}

	ProjectEntity project(SandboxProject project, boolean simple, @Nullable PermissionsEntity permissions) {
		return new ProjectEntity(project.id(), project.description(), project.name(), project.nameWithNamespace(),
				project.path(), project.pathWithNamespace(), timestamp(project.createdAt()), "main",
				this.baseUrl + "/" + project.pathWithNamespace(), simple ? null : "private", namespace(project),
				permissions);
	}

	static PermissionsEntity permissions(@Nullable Integer projectAccess, @Nullable Integer groupAccess) {
		return new PermissionsEntity(access(projectAccess), access(groupAccess));
	}

	GroupEntity group(SandboxGroup group) {
		return new GroupEntity(group.id(), groupUrl(group), group.name(), group.path(), "", "private", group.fullName(),
				group.fullPath(), timestamp(group.createdAt()), group.parentId());
	}

	String avatarUrl(SandboxUser user) {
		return this.baseUrl + "/-/avatars/" + user.username();
	}

	String userUrl(SandboxUser user) {
		return this.baseUrl + "/" + user.username();
	}

	private String groupUrl(SandboxGroup group) {
		return this.baseUrl + "/groups/" + group.fullPath();
	}

	private NamespaceEntity namespace(SandboxProject project) {
		if (project.groupId() != null) {
			SandboxGroup group = this.state.group(project.groupId()).orElseThrow();
			return new NamespaceEntity(group.id(), group.name(), group.path(), "group", group.fullPath(),
					group.parentId(), null, groupUrl(group));
		}
		SandboxUser owner = this.state.user(project.ownerId()).orElseThrow();
		return new NamespaceEntity(project.namespaceId(), owner.name(), owner.username(), "user", owner.username(),
				null, avatarUrl(owner), userUrl(owner));
	}

	private UserRefEntity userRef(SandboxUser user) {
		return new UserRefEntity(user.id(), user.username(), user.name(), user.state(), false, avatarUrl(user),
				userUrl(user));
	}

	private static @Nullable AccessEntity access(@Nullable Integer level) {
		return (level != null) ? new AccessEntity(level, NOTIFICATION_GLOBAL) : null;
	}

	/**
	 * {@code GET /version}.
	 */
	record VersionEntity(String version, String revision) {

	}

	/**
	 * A project or group access token (§3); {@code token} only on create and rotate.
	 */
	record TokenEntity(long id, String name, boolean revoked, String createdAt, @Nullable String description,
			List<String> scopes, long userId, @Nullable String lastUsedAt, boolean active, @Nullable String expiresAt,
			int accessLevel, @JsonInclude(Include.NON_NULL) @Nullable String token) {

		@Override
		public String toString() {
			return "TokenEntity[id=" + this.id + ", name=" + this.name + "]";
		}

	}

	/**
	 * A personal access token, as {@code /personal_access_tokens/self} shows it (§2.7).
	 */
	record PersonalTokenEntity(long id, String name, boolean revoked, String createdAt, @Nullable String description,
			List<String> scopes, long userId, @Nullable String lastUsedAt, boolean active, @Nullable String expiresAt) {

	}

	/**
	 * The public view of a user.
	 */
	record UserBasicEntity(long id, String username, String name, String state, boolean locked, String avatarUrl,
			String webUrl, String createdAt, String bio, String publicEmail, boolean bot) {

	}

	/**
	 * A user looked up by id: {@code Entities::User} for everyone,
	 * {@code UserDetailsWithAdmin}'s e-mail fields and {@code is_admin} for
	 * administrators (§14.1).
	 */
	record UserEntity(long id, String username, String name, String state, boolean locked, String avatarUrl,
			String webUrl, String createdAt, String bio, String publicEmail, boolean bot,
			@JsonInclude(Include.NON_NULL) @Nullable String email,
			@JsonInclude(Include.NON_NULL) @Nullable String commitEmail,
			@JsonInclude(Include.NON_NULL) @Nullable Boolean isAdmin) {

	}

	/**
	 * The authenticated user; {@code is_admin} only for administrators (§6.3).
	 */
	record CurrentUserEntity(long id, String username, String name, String state, boolean locked, String avatarUrl,
			String webUrl, String createdAt, String bio, String publicEmail, boolean bot, String email,
			String commitEmail, String confirmedAt, boolean twoFactorEnabled, boolean external, boolean privateProfile,
			boolean canCreateGroup, boolean canCreateProject,
			@JsonInclude(Include.NON_NULL) @Nullable Boolean isAdmin) {

	}

	/**
	 * A user referenced from another entity, such as a member's {@code created_by}.
	 */
	record UserRefEntity(long id, String username, String name, String state, boolean locked, String avatarUrl,
			String webUrl) {

	}

	/**
	 * An effective membership (§6.1).
	 */
	record MemberEntity(long id, String username, String name, String state, boolean locked, String avatarUrl,
			String webUrl, int accessLevel, String createdAt, @Nullable UserRefEntity createdBy,
			@Nullable String expiresAt, String membershipState) {

	}

	/**
	 * A project's namespace: a group or a user.
	 */
	record NamespaceEntity(long id, String name, String path, String kind, String fullPath, @Nullable Long parentId,
			@Nullable String avatarUrl, String webUrl) {

	}

	/**
	 * A project; {@code simple=true} leaves out visibility and permissions.
	 */
	record ProjectEntity(long id, String description, String name, String nameWithNamespace, String path,
			String pathWithNamespace, String createdAt, String defaultBranch, String webUrl,
			@JsonInclude(Include.NON_NULL) @Nullable String visibility, NamespaceEntity namespace,
			@JsonInclude(Include.NON_NULL) @Nullable PermissionsEntity permissions) {

	}

	/**
	 * The caller's direct project access and group access (§6.2).
	 */
	record PermissionsEntity(@Nullable AccessEntity projectAccess, @Nullable AccessEntity groupAccess) {

	}

	/**
	 * One access entry of {@link PermissionsEntity}.
	 */
	record AccessEntity(int accessLevel, int notificationLevel) {

	}

	/**
	 * A group.
	 */
	record GroupEntity(long id, String webUrl, String name, String path, String description, String visibility,
			String fullName, String fullPath, String createdAt, @Nullable Long parentId) {

	}

}
