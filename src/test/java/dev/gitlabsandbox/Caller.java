package dev.gitlabsandbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling the API and with which scopes: a user (human or bot) behind a personal,
 * project, group or OAuth access token.
 *
 * @param user the authenticated user
 * @param scopes the credential's scopes
 * @param token the personal, project or group access token used, {@code null} for an
 * OAuth access token
 * @author Token Portal team
 */
record Caller(SandboxUser user, List<String> scopes, @Nullable SandboxToken token) {

	/**
	 * Whether the caller acts as administrator: an admin whose token carries the
	 * {@code admin_mode} scope (gitlab-api.md §4.1).
	 * @return whether admin abilities apply
	 */
	boolean adminMode() {
		return this.user.admin() && this.scopes.contains("admin_mode");
	}

	long id() {
		return this.user.id();
	}

}
