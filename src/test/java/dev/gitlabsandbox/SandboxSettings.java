package dev.gitlabsandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Instance-level switches that select which GitLab era the sandbox imitates. Tests change
 * them fluently; {@link GitLabSandbox#reset()} restores the defaults.
 *
 * @author Token Portal team
 */
public final class SandboxSettings {

	/**
	 * The resource-bot scopes of a 17.8 instance with registry and Duo (gitlab-api.md
	 * §5.1).
	 */
	public static final List<String> DEFAULT_TOKEN_SCOPES = List.of("api", "read_api", "read_repository",
			"write_repository", "read_registry", "write_registry", "create_runner", "manage_runner", "k8s_proxy",
			"ai_features");

	/**
	 * The plan limit on CI/CD variables per project and per group the sandbox starts
	 * with.
	 */
	public static final int DEFAULT_CI_VARIABLES_LIMIT = 200;

	private volatile String version;

	private volatile RevokeMode revokeMode;

	private volatile NotFoundMessageStyle notFoundMessageStyle;

	private volatile int maxLifetimeDays;

	private volatile boolean expiryRequired;

	private volatile boolean rotateAvailable;

	private volatile Set<String> tokenScopes;

	private volatile int ciVariablesLimit;

	SandboxSettings() {
		restoreDefaults();
	}

	synchronized void restoreDefaults() {
		this.version = "17.8.0";
		this.revokeMode = RevokeMode.LEGACY;
		this.notFoundMessageStyle = NotFoundMessageStyle.LEGACY;
		this.maxLifetimeDays = 365;
		this.expiryRequired = true;
		this.rotateAvailable = true;
		this.tokenScopes = Set.copyOf(DEFAULT_TOKEN_SCOPES);
		this.ciVariablesLimit = DEFAULT_CI_VARIABLES_LIMIT;
	}

	public String version() {
		return this.version;
	}

	/**
	 * Set the version {@code GET /api/v4/version} reports.
	 * @param version for example {@code "17.8.0"}
	 * @return these settings
	 */
	public SandboxSettings version(String version) {
		this.version = version;
		return this;
	}

	public RevokeMode revokeMode() {
		return this.revokeMode;
	}

	public SandboxSettings revokeMode(RevokeMode revokeMode) {
		this.revokeMode = revokeMode;
		return this;
	}

	public NotFoundMessageStyle notFoundMessageStyle() {
		return this.notFoundMessageStyle;
	}

	public SandboxSettings notFoundMessageStyle(NotFoundMessageStyle style) {
		this.notFoundMessageStyle = style;
		return this;
	}

	public int maxLifetimeDays() {
		return this.maxLifetimeDays;
	}

	/**
	 * Set the maximum token lifetime (365 by default; 400 behind a flag, lower on
	 * Ultimate).
	 * @param days the cap in days
	 * @return these settings
	 */
	public SandboxSettings maxLifetimeDays(int days) {
		this.maxLifetimeDays = days;
		return this;
	}

	public boolean expiryRequired() {
		return this.expiryRequired;
	}

	/**
	 * Set the admin setting {@code require_personal_access_token_expiry} (17.2+). When
	 * off, an omitted {@code expires_at} means "never" and the lifetime cap is skipped.
	 * @param required whether an expiry date is required
	 * @return these settings
	 */
	public SandboxSettings expiryRequired(boolean required) {
		this.expiryRequired = required;
		return this;
	}

	public boolean rotateAvailable() {
		return this.rotateAvailable;
	}

	/**
	 * Set whether the rotate route exists; without it the sandbox answers like a pre-16.0
	 * GitLab: {@code 404 {"error":"404 Not Found"}}.
	 * @param available whether rotation is available
	 * @return these settings
	 */
	public SandboxSettings rotateAvailable(boolean available) {
		this.rotateAvailable = available;
		return this;
	}

	public Set<String> tokenScopes() {
		return this.tokenScopes;
	}

	/**
	 * Set the scopes the instance accepts for project and group access tokens; any other
	 * scope is rejected with {@code scopes does not have a valid value}.
	 * @param scopes the accepted scopes
	 * @return these settings
	 */
	public SandboxSettings tokenScopes(Set<String> scopes) {
		this.tokenScopes = Set.copyOf(scopes);
		return this;
	}

	/**
	 * Make one scope unavailable, as when a feature (registry, Duo, KAS) is off.
	 * @param scope the scope to remove
	 * @return these settings
	 */
	public synchronized SandboxSettings withoutTokenScope(String scope) {
		Set<String> scopes = new LinkedHashSet<>(this.tokenScopes);
		scopes.remove(scope);
		return tokenScopes(scopes);
	}

	/**
	 * Whether the configured version is at least the given one.
	 * @param major for example 17
	 * @param minor for example 4
	 * @return whether {@link #version()} is that release or later
	 */
	boolean atLeast(int major, int minor) {
		String[] parts = this.version.split("[.-]");
		try {
			int actualMajor = Integer.parseInt(parts[0]);
			int actualMinor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
			return (actualMajor != major) ? actualMajor > major : actualMinor >= minor;
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	/**
	 * Whether CI/CD variables can be hidden: {@code masked_and_hidden} on create and
	 * {@code hidden} in responses, since 17.4 (gitlab-api.md §12.8).
	 * @return whether the version is 17.4 or later
	 */
	public boolean hiddenVariablesAvailable() {
		return atLeast(17, 4);
	}

	public int ciVariablesLimit() {
		return this.ciVariablesLimit;
	}

	/**
	 * Set the plan limits {@code project_ci_variables} and {@code group_ci_variables}: a
	 * create beyond it answers 400 {@code Maximum number of project ci variables (N)
	 * exceeded}. 0 means no limit, as in GitLab's plan limits.
	 * @param limit the most variables one project or group may have
	 * @return these settings
	 */
	public SandboxSettings ciVariablesLimit(int limit) {
		this.ciVariablesLimit = limit;
		return this;
	}

	/**
	 * What revoking a project or group access token does (gitlab-api.md §2.4).
	 */
	public enum RevokeMode {

		/**
		 * Up to 17.8: the bot user is deleted, so the revoked token vanishes from list
		 * and get, and a second revoke answers 404.
		 */
		LEGACY,

		/**
		 * 17.9+: the bot is retained; the revoked token stays listed (inactive) and a
		 * second revoke answers 204.
		 */
		RETAINED

	}

	/**
	 * The 404 message for an unknown token id (gitlab-api.md §2.2).
	 */
	public enum NotFoundMessageStyle {

		/**
		 * Up to 17.x:
		 * {@code 404 Could not find project access token with token_id: N Not Found}.
		 */
		LEGACY,

		/** Newest code: {@code 404 project Access Token Not Found}. */
		NEWEST

	}

}
