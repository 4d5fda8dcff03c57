package dev.gitlabsandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Everything the sandbox knows: users, groups, projects, direct memberships, tokens and
 * OAuth grants. Every method is synchronized on this object, and the HTTP server runs
 * each request under the same lock, so tests always see a consistent picture. Effective
 * (inherited) access is computed on demand, never stored.
 *
 * @author Token Portal team
 */
public final class SandboxState {

	private final Clock initialClock;

	private Clock clock;

	private final Map<Long, SandboxUser> users = new TreeMap<>();

	private final Map<Long, SandboxGroup> groups = new TreeMap<>();

	private final Map<Long, SandboxProject> projects = new TreeMap<>();

	private final List<SandboxMembership> memberships = new ArrayList<>();

	private final Map<Long, String> publicEmails = new TreeMap<>();

	private final TokenStore tokens = new TokenStore();

	private final OAuthStore oauth = new OAuthStore();

	private final HookStore hooks = new HookStore();

	private final VariableStore variables = new VariableStore();

	private long nextUserId;

	SandboxState(Clock clock) {
		this.initialClock = clock;
		this.clock = clock;
	}

	// --- time ---

	public synchronized Clock clock() {
		return this.clock;
	}

	/**
	 * Replace the clock, for example with {@link Clock#fixed} for expiry-date tests.
	 * {@link GitLabSandbox#reset()} restores the clock the sandbox started with.
	 * @param clock the new clock
	 */
	public synchronized void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Today in UTC, by the sandbox clock.
	 * @return the current date
	 */
	public synchronized LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * Now by the sandbox clock, in milliseconds like GitLab's timestamps.
	 * @return the current instant
	 */
	public synchronized Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	// --- users, groups, projects ---

	public synchronized List<SandboxUser> users() {
		return List.copyOf(this.users.values());
	}

	public synchronized Optional<SandboxUser> user(long id) {
		return Optional.ofNullable(this.users.get(id));
	}

	public synchronized Optional<SandboxUser> userByUsername(String username) {
		return this.users.values().stream().filter((user) -> user.username().equalsIgnoreCase(username)).findFirst();
	}

	public synchronized List<SandboxGroup> groups() {
		return List.copyOf(this.groups.values());
	}

	public synchronized Optional<SandboxGroup> group(long id) {
		return Optional.ofNullable(this.groups.get(id));
	}

	public synchronized Optional<SandboxGroup> groupByPath(String fullPath) {
		return this.groups.values().stream().filter((group) -> group.fullPath().equalsIgnoreCase(fullPath)).findFirst();
	}

	public synchronized List<SandboxProject> projects() {
		return List.copyOf(this.projects.values());
	}

	public synchronized Optional<SandboxProject> project(long id) {
		return Optional.ofNullable(this.projects.get(id));
	}

	public synchronized Optional<SandboxProject> projectByPath(String fullPath) {
		return this.projects.values()
			.stream()
			.filter((project) -> project.pathWithNamespace().equalsIgnoreCase(fullPath))
			.findFirst();
	}

	/**
	 * The ids of a group and all its ancestors, the group itself first.
	 * @param groupId the group
	 * @return the lineage up to the top-level group
	 */
	synchronized List<Long> groupLineage(long groupId) {
		List<Long> lineage = new ArrayList<>();
		for (SandboxGroup group = this.groups.get(groupId); group != null; group = (group.parentId() != null)
				? this.groups.get(group.parentId()) : null) {
			lineage.add(group.id());
		}
		return lineage;
	}

	synchronized SandboxGroup rootGroup(long groupId) {
		List<Long> lineage = groupLineage(groupId);
		return this.groups.get(lineage.get(lineage.size() - 1));
	}

	synchronized boolean isDescendantOrSelf(long groupId, long ancestorId) {
		return groupLineage(groupId).contains(ancestorId);
	}

	/**
	 * Block a user, as an administrator does: they keep their memberships and tokens, but
	 * can no longer sign in, and every API call with their tokens is refused. Members and
	 * user lookups show {@code "state": "blocked"}.
	 * @param username the user
	 */
	public synchronized void blockUser(String username) {
		SandboxUser user = requireUser(username);
		this.users.put(user.id(), user.withState(SandboxUser.BLOCKED));
	}

	/**
	 * Undo {@link #blockUser}.
	 * @param username the user
	 */
	public synchronized void unblockUser(String username) {
		SandboxUser user = requireUser(username);
		this.users.put(user.id(), user.withState(SandboxUser.ACTIVE));
	}

	/**
	 * Set the e-mail address a user chooses to show in their profile
	 * ({@code public_email}; GitLab never sets one by default, gitlab-api.md §14.3).
	 * @param username the user
	 * @param email the address, or {@code null} to show none
	 */
	public synchronized void setPublicEmail(String username, @Nullable String email) {
		long id = requireUser(username).id();
		if (email == null) {
			this.publicEmails.remove(id);
		}
		else {
			this.publicEmails.put(id, email);
		}
	}

	/**
	 * The address a user shows in their profile.
	 * @param userId the user
	 * @return the address, or {@code null} when they chose none
	 */
	public synchronized @Nullable String publicEmail(long userId) {
		return this.publicEmails.get(userId);
	}

	/**
	 * Make a user an administrator, or take that away, as another administrator does.
	 * @param username the user
	 * @param admin whether they administer the instance
	 */
	public synchronized void setAdmin(String username, boolean admin) {
		SandboxUser user = requireUser(username);
		this.users.put(user.id(), user.withAdmin(admin));
	}

	/**
	 * Delete a user with their memberships and personal tokens: lookups answer 404
	 * {@code "404 User Not Found"} and their OAuth tokens stop working.
	 * {@link GitLabSandbox#reset()} brings seeded users back.
	 * @param username the user
	 */
	public synchronized void deleteUser(String username) {
		long id = requireUser(username).id();
		this.users.remove(id);
		this.memberships.removeIf((member) -> member.userId() == id);
		this.tokens.removeOwnedBy(id);
	}

	// --- memberships and effective access ---

	public synchronized List<SandboxMembership> memberships() {
		return List.copyOf(this.memberships);
	}

	public synchronized Optional<SandboxMembership> membership(SourceRef source, long userId) {
		return this.memberships.stream()
			.filter((member) -> member.source().equals(source) && member.userId() == userId)
			.findFirst();
	}

	/**
	 * The membership that gives a user their highest access to a project or group:
	 * direct, or inherited from an ancestor group (gitlab-api.md §6.1).
	 * @param userId the user
	 * @param source the project or group
	 * @return the effective membership, if any
	 */
	public synchronized Optional<SandboxMembership> effectiveMembership(long userId, SourceRef source) {
		List<SourceRef> lineage = new ArrayList<>();
		Long groupId = source.id();
		if (source.isProject()) {
			lineage.add(source);
			groupId = project(source.id()).map(SandboxProject::groupId).orElse(null);
		}
		if (groupId != null) {
			groupLineage(groupId).forEach((id) -> lineage.add(SourceRef.group(id)));
		}
		return this.memberships.stream()
			.filter((member) -> member.userId() == userId && lineage.contains(member.source()))
			.max(Comparator.comparingInt(SandboxMembership::accessLevel));
	}

	/**
	 * Every user with access to a project or group, each with the membership that gives
	 * them the most (direct or inherited), in user id order (gitlab-api.md §6.1).
	 * @param source the project or group
	 * @return one effective membership per user
	 */
	public synchronized List<SandboxMembership> effectiveMembers(SourceRef source) {
		return this.memberships.stream()
			.map(SandboxMembership::userId)
			.distinct()
			.sorted()
			.map((userId) -> effectiveMembership(userId, source))
			.flatMap(Optional::stream)
			.toList();
	}

	/**
	 * A user's effective access level: the maximum of direct and inherited memberships.
	 * @param userId the user
	 * @param source the project or group
	 * @return the level, {@link AccessLevels#NO_ACCESS} if none
	 */
	public synchronized int effectiveAccess(long userId, SourceRef source) {
		return effectiveMembership(userId, source).map(SandboxMembership::accessLevel).orElse(AccessLevels.NO_ACCESS);
	}

	public synchronized void addMember(String sourcePath, String username, int accessLevel) {
		SourceRef source = sourceByPath(sourcePath);
		long userId = requireUser(username).id();
		if (membership(source, userId).isPresent()) {
			throw new IllegalStateException(username + " is already a member of " + sourcePath);
		}
		addMembership(new SandboxMembership(source, userId, accessLevel, now(), null));
	}

	public synchronized void removeMember(String sourcePath, String username) {
		SourceRef source = sourceByPath(sourcePath);
		long userId = requireUser(username).id();
		this.memberships.removeIf((member) -> member.source().equals(source) && member.userId() == userId);
	}

	public synchronized void setAccessLevel(String sourcePath, String username, int accessLevel) {
		SourceRef source = sourceByPath(sourcePath);
		SandboxMembership existing = membership(source, requireUser(username).id())
			.orElseThrow(() -> new IllegalStateException(username + " is not a direct member of " + sourcePath));
		this.memberships.set(this.memberships.indexOf(existing), existing.withAccessLevel(accessLevel));
	}

	/**
	 * Change the top-level group setting "Users can create project access tokens and
	 * group access tokens in this group" (gitlab-api.md §4.3).
	 * @param topGroupPath the top-level group
	 * @param allowed whether creation is allowed
	 */
	public synchronized void setTokenCreationAllowed(String topGroupPath, boolean allowed) {
		SandboxGroup group = groupByPath(topGroupPath)
			.orElseThrow(() -> new IllegalArgumentException("No group " + topGroupPath));
		if (!group.topLevel()) {
			throw new IllegalArgumentException("Only a top-level group holds this setting: " + topGroupPath);
		}
		this.groups.put(group.id(), group.withTokenCreationAllowed(allowed));
	}

	// --- tokens ---

	/**
	 * Every token: personal access tokens and project/group access tokens.
	 * @return the tokens in id order
	 */
	public synchronized List<SandboxToken> tokens() {
		return this.tokens.all();
	}

	public synchronized Optional<SandboxToken> token(long id) {
		return this.tokens.get(id);
	}

	/**
	 * The access tokens of a project or group, revoked and expired ones included.
	 * @param resourcePath full path of the project or group
	 * @return the tokens in id order
	 */
	public synchronized List<SandboxToken> accessTokens(String resourcePath) {
		return resourceTokens(sourceByPath(resourcePath));
	}

	public synchronized int tokenCount(String resourcePath) {
		return accessTokens(resourcePath).size();
	}

	public synchronized int activeTokenCount(String resourcePath) {
		LocalDate today = today();
		return (int) accessTokens(resourcePath).stream().filter((token) -> token.active(today)).count();
	}

	public synchronized List<SandboxToken> tokensNamed(String name) {
		return this.tokens.all().stream().filter((token) -> token.name().equals(name)).toList();
	}

	/**
	 * Give a user a personal access token, for tests that need a credential with
	 * particular scopes, an expiry date or a bot owner. Not counted in
	 * {@code issuedTokenValues()}.
	 * @param username the owner
	 * @param scopes the scopes, for example {@code read_api}
	 * @param expiresAt the expiry date, or {@code null}
	 * @return the secret value
	 */
	public synchronized String createPersonalAccessToken(String username, List<String> scopes,
			@Nullable LocalDate expiresAt) {
		String value = Secrets.accessTokenValue();
		this.tokens.add(requireUser(username).id(), "test-pat", null, scopes, expiresAt, null, value, now());
		return value;
	}

	public synchronized void revokeToken(long tokenId) {
		this.tokens.get(tokenId).orElseThrow(() -> new IllegalArgumentException("No token " + tokenId));
		this.tokens.revoke(tokenId);
	}

	synchronized List<SandboxToken> resourceTokens(SourceRef source) {
		return this.tokens.all().stream().filter((token) -> isBotOf(token.userId(), source)).toList();
	}

	private boolean isBotOf(long userId, SourceRef source) {
		SandboxUser user = this.users.get(userId);
		return user != null && source.equals(user.botOf()) && membership(source, userId).isPresent();
	}

	/**
	 * The token store; callers hold this object's lock (the server runs handlers under
	 * it).
	 * @return the tokens
	 */
	synchronized TokenStore tokenStore() {
		return this.tokens;
	}

	synchronized List<String> issuedTokenValues() {
		return this.tokens.issuedValues();
	}

	/**
	 * Create the bot user behind a new project or group access token, and its membership
	 * (gitlab-api.md §4.5).
	 * @param source the project or group
	 * @param name the bot's name (the token name)
	 * @param accessLevel the membership level
	 * @param createdById the caller
	 * @return the bot
	 */
	synchronized SandboxUser addBot(SourceRef source, String name, int accessLevel, long createdById) {
		String username = source.type().label() + "_" + source.id() + "_bot_" + Secrets.hex(16);
		SandboxUser bot = addUser(this.nextUserId, username, name, username + "@noreply.localhost", false, source);
		addMembership(new SandboxMembership(source, bot.id(), accessLevel, now(), createdById));
		return bot;
	}

	/**
	 * Delete a bot with its memberships and tokens: what revocation did up to 17.8.
	 * @param userId the bot
	 */
	synchronized void deleteBot(long userId) {
		this.users.remove(userId);
		this.memberships.removeIf((member) -> member.userId() == userId);
		this.tokens.removeOwnedBy(userId);
	}

	/**
	 * A user who belongs to nothing yet, as an administrator adds one: for measuring the
	 * portal with more people than the seed's.
	 * @param id the user's id, above the seed's and the bots' ids so it stays the same
	 * after each reset
	 * @param username the username, also the e-mail's local part
	 * @param name the display name
	 * @return the user
	 */
	public synchronized SandboxUser addUser(long id, String username, String name) {
		if (this.users.containsKey(id) || userByUsername(username).isPresent()) {
			throw new IllegalStateException("User " + id + " or " + username + " exists");
		}
		return addUser(id, username, name, username + "@example.test", false, null);
	}

	// --- seeding and resolution ---

	synchronized SandboxUser addUser(long id, String username, String name, String email, boolean admin,
			@Nullable SourceRef botOf) {
		SandboxUser user = new SandboxUser(id, username, name, email, admin, botOf, now(), SandboxUser.ACTIVE);
		this.users.put(id, user);
		this.nextUserId = Math.max(this.nextUserId, id + 1);
		return user;
	}

	synchronized SandboxGroup addGroup(long id, String name, String path, @Nullable Long parentId) {
		SandboxGroup parent = (parentId != null) ? this.groups.get(parentId) : null;
		String fullPath = (parent != null) ? parent.fullPath() + "/" + path : path;
		String fullName = (parent != null) ? parent.fullName() + " / " + name : name;
		SandboxGroup group = new SandboxGroup(id, name, path, parentId, fullPath, fullName, true, now());
		this.groups.put(id, group);
		return group;
	}

	synchronized SandboxProject addGroupProject(long id, String name, String path, String description, long groupId) {
		SandboxGroup group = this.groups.get(groupId);
		SandboxProject project = new SandboxProject(id, name, path, description, groupId, groupId, null,
				group.fullPath() + "/" + path, group.fullName() + " / " + name, now());
		this.projects.put(id, project);
		return project;
	}

	/**
	 * A new top-level group holding a number of projects ({@code <path>/project-1} …),
	 * for measuring how the portal behaves with users who own many.
	 * @param path the group's path, also its name
	 * @param projectCount how many projects it holds
	 * @return the group
	 */
	public synchronized SandboxGroup addGroupWithProjects(String path, int projectCount) {
		long groupId = Math.max(1000, nextId(this.groups.keySet()));
		SandboxGroup group = addGroup(groupId, path, path, null);
		long first = Math.max(1000, nextId(this.projects.keySet()));
		for (int i = 1; i <= projectCount; i++) {
			addGroupProject(first + i - 1, "Project " + i, "project-" + i, "Project " + i + " of " + path, groupId);
		}
		return group;
	}

	private static long nextId(Set<Long> ids) {
		return ids.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
	}

	synchronized SandboxProject addPersonalProject(long id, String name, String path, String description,
			long namespaceId, long ownerId) {
		SandboxUser owner = this.users.get(ownerId);
		SandboxProject project = new SandboxProject(id, name, path, description, namespaceId, null, ownerId,
				owner.username() + "/" + path, owner.name() + " / " + name, now());
		this.projects.put(id, project);
		return project;
	}

	synchronized void addMembership(SandboxMembership membership) {
		this.memberships.add(membership);
	}

	synchronized OAuthStore oauth() {
		return this.oauth;
	}

	// --- webhooks ---

	/**
	 * The webhooks of a project or group (gitlab-api.md §13.1).
	 * @param resourcePath full path of the project or group
	 * @return the hooks in id order
	 */
	public synchronized List<SandboxHook> hooks(String resourcePath) {
		return this.hooks.of(sourceByPath(resourcePath));
	}

	/**
	 * Add a webhook as an Owner or Maintainer would through the hooks API, for tests that
	 * need one in place.
	 * @param resourcePath full path of the project or group
	 * @param url where deliveries go
	 * @param token the secret sent as {@code X-Gitlab-Token}, or {@code null}
	 * @param tokenEvents whether access token events are sent to it
	 * @return the hook
	 */
	public synchronized SandboxHook addHook(String resourcePath, String url, @Nullable String token,
			boolean tokenEvents) {
		return this.hooks.add(new SandboxHook(0, sourceByPath(resourcePath), url, token, null, null, false, tokenEvents,
				true, now(), UUID.randomUUID().toString()));
	}

	/**
	 * The administrator setting "Allow requests to the local network from webhooks and
	 * integrations": on in the sandbox (the portal runs on localhost), off on a new
	 * GitLab, where a hook URL on localhost or a private network gets 422 {@code Invalid
	 * url given}.
	 * @param allowed whether local URLs are accepted
	 */
	public synchronized void setLocalWebhookRequestsAllowed(boolean allowed) {
		this.hooks.allowLocalRequests(allowed);
	}

	/**
	 * Every webhook delivery made since the last reset, oldest first.
	 * @return the deliveries with the receivers' answers
	 */
	public synchronized List<WebhookDelivery> webhookDeliveries() {
		return this.hooks.deliveries();
	}

	synchronized HookStore hookStore() {
		return this.hooks;
	}

	// --- CI/CD variables ---

	/**
	 * The CI/CD variables of a project or group (gitlab-api.md §12), with their values in
	 * clear, for assertions such as "the new token is in {@code PORTAL_TOKEN}, masked".
	 * @param source for example {@code SourceRef.project(SandboxSeed.API_ID)}
	 * @return the variables in id order (the API's order)
	 */
	public synchronized List<SandboxVariable> variables(SourceRef source) {
		return this.variables.of(source);
	}

	/**
	 * The CI/CD variables of a project or group.
	 * @param resourcePath full path of the project or group
	 * @return the variables in id order
	 */
	public synchronized List<SandboxVariable> variables(String resourcePath) {
		return this.variables.of(sourceByPath(resourcePath));
	}

	/**
	 * One CI/CD variable of a project or group.
	 * @param resourcePath full path of the project or group
	 * @param key the key
	 * @param environmentScope the environment scope, {@code *} for the default
	 * @return the variable, if there is one with this key in this scope
	 */
	public synchronized Optional<SandboxVariable> variable(String resourcePath, String key, String environmentScope) {
		return this.variables.find(sourceByPath(resourcePath), key, environmentScope);
	}

	/**
	 * Every CI/CD variable of every project and group.
	 * @return the variables in id order
	 */
	public synchronized List<SandboxVariable> allVariables() {
		return this.variables.all();
	}

	/**
	 * Add a CI/CD variable as a Maintainer would (scope {@code *}, type {@code env_var},
	 * not protected, masked, hidden or raw), for tests that need one in place.
	 * @param resourcePath full path of the project or group
	 * @param key the key
	 * @param value the value
	 * @return the variable
	 */
	public synchronized SandboxVariable addVariable(String resourcePath, String key, String value) {
		return addVariable(resourcePath, key, value, "*", false, false, false);
	}

	/**
	 * Add a CI/CD variable, for tests that need one in place. Only the uniqueness of key
	 * and scope is checked, not the API's other rules.
	 * @param resourcePath full path of the project or group
	 * @param key the key
	 * @param value the value
	 * @param environmentScope the environment scope, {@code *} for all
	 * @param isProtected whether it is protected
	 * @param masked whether it is masked
	 * @param hidden whether it is hidden (implies masked)
	 * @return the variable
	 */
	public synchronized SandboxVariable addVariable(String resourcePath, String key, String value,
			String environmentScope, boolean isProtected, boolean masked, boolean hidden) {
		SourceRef source = sourceByPath(resourcePath);
		if (this.variables.find(source, key, environmentScope).isPresent()) {
			throw new IllegalArgumentException(
					resourcePath + " already has " + key + " in environment scope " + environmentScope);
		}
		return this.variables.add(new SandboxVariable(0, source, key, value, "env_var", isProtected, masked || hidden,
				hidden, false, environmentScope, null, now()));
	}

	synchronized VariableStore variableStore() {
		return this.variables;
	}

	/**
	 * Forget everything except the secrets handed out so far (leak checks span resets).
	 */
	synchronized void clear() {
		this.clock = this.initialClock;
		this.users.clear();
		this.publicEmails.clear();
		this.groups.clear();
		this.projects.clear();
		this.memberships.clear();
		this.tokens.clear();
		this.oauth.clear();
		this.hooks.clear();
		this.variables.clear();
		this.nextUserId = 1;
	}

	private SourceRef sourceByPath(String fullPath) {
		Optional<SourceRef> project = projectByPath(fullPath).map((found) -> SourceRef.project(found.id()));
		return project.or(() -> groupByPath(fullPath).map((found) -> SourceRef.group(found.id())))
			.orElseThrow(() -> new IllegalArgumentException("No project or group " + fullPath));
	}

	private SandboxUser requireUser(String username) {
		return userByUsername(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
	}

}
