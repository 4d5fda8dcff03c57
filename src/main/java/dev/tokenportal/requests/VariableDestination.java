package dev.tokenportal.requests;

import dev.tokenportal.gitlab.GitLabTarget;

/**
 * Where a token goes instead of being shown: a CI/CD variable of a project or group. Part
 * of what the requester asks for, so approvers see it and it does not change after
 * submission.
 *
 * @param owner the project or group that holds the variable
 * @param key the variable's key, as GitLab allows it ({@code [A-Za-z0-9_]}, at most 255)
 * @param environmentScope the environment scope, {@code *} for all
 * @param protectedOnly whether only pipelines on protected branches and tags see it
 * @param maskedAndHidden whether it is masked and hidden (GitLab 17.4+), otherwise masked
 * @author Token Portal team
 */
public record VariableDestination(GitLabTarget owner, String key, String environmentScope, boolean protectedOnly,
		boolean maskedAndHidden) {

	/** GitLab's scope for every environment. */
	public static final String ALL_ENVIRONMENTS = "*";

	/** The keys GitLab accepts (gitlab-api.md §12.4). */
	public static final String KEY_PATTERN = "[A-Za-z0-9_]{1,255}";

	/** The environment scopes GitLab accepts (gitlab-api.md §12.4). */
	public static final String SCOPE_PATTERN = "[A-Za-z0-9_/${}.* -]{1,255}";

}
