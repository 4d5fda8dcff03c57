package dev.tokenportal.requests;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the request form shows besides the posted values: the projects and groups to
 * choose from, the scopes and levels, the date range, and the policy preview.
 *
 * @param search the text the target list was narrowed with, or {@code null}
 * @param targets projects and groups the requester is a member of (as GitLab lists them),
 * plus the chosen one if the list no longer shows it
 * @param moreTargets whether GitLab has more than the list shows (narrow the search)
 * @param problem why GitLab could not list them, or {@code null}
 * @param scopes the scopes to choose from
 * @param levels the access levels to choose from
 * @param minExpiresOn the earliest expiry date
 * @param maxExpiresOn the latest expiry date the policy in force allows
 * @param preview what the policy will require, or {@code null} before a target is chosen
 * @param hiddenVariables whether GitLab can hide CI/CD variables (17.4+); otherwise the
 * form says a delivered token is masked but not hidden
 * @author Token Portal team
 */
public record NewTokenRequestPage(@Nullable String search, List<TargetOption> targets, boolean moreTargets,
		@Nullable String problem, List<ScopeOption> scopes, List<LevelOption> levels, LocalDate minExpiresOn,
		LocalDate maxExpiresOn, @Nullable PolicyPreview preview, boolean hiddenVariables) {

	/**
	 * A page on a GitLab that hides variables.
	 */
	public NewTokenRequestPage(@Nullable String search, List<TargetOption> targets, boolean moreTargets,
			@Nullable String problem, List<ScopeOption> scopes, List<LevelOption> levels, LocalDate minExpiresOn,
			LocalDate maxExpiresOn, @Nullable PolicyPreview preview) {
		this(search, targets, moreTargets, problem, scopes, levels, minExpiresOn, maxExpiresOn, preview, true);
	}

	/**
	 * Projects among the targets.
	 * @return the projects
	 */
	public List<TargetOption> projects() {
		return this.targets.stream().filter((target) -> !target.group()).toList();
	}

	/**
	 * Groups among the targets.
	 * @return the groups
	 */
	public List<TargetOption> groups() {
		return this.targets.stream().filter(TargetOption::group).toList();
	}

	/**
	 * A project or group to choose.
	 *
	 * @param value the form value, e.g. {@code project:11}
	 * @param path its full path, or {@code null} when only its id is known
	 * @param group whether it is a group
	 */
	public record TargetOption(String value, @Nullable String path, boolean group) {

		/**
		 * What the list shows.
		 * @return the path, or the value when the path is unknown
		 */
		public String label() {
			return (this.path != null) ? this.path : this.value;
		}

	}

	/**
	 * A scope, explained by the bundles.
	 *
	 * @param name the scope
	 */
	public record ScopeOption(String name) {

		/**
		 * The code of what it allows.
		 * @return e.g. {@code policy.scope.read_api}
		 */
		public String explanationCode() {
			return "policy.scope." + this.name;
		}

	}

	/**
	 * An access level, named by the bundles.
	 *
	 * @param value GitLab's number
	 */
	public record LevelOption(int value) {

		/**
		 * The code of its role name.
		 * @return e.g. {@code accessLevel.20}
		 */
		public String labelCode() {
			return "accessLevel." + this.value;
		}

	}

}
