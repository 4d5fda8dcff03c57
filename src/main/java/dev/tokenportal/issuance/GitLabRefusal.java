package dev.tokenportal.issuance;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tokenportal.gitlab.GitLabAccessDeniedException;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabNotFoundException;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Why GitLab did not create (or rotate) a token, in plain words, and whether pressing
 * again may work. The kind of refusal comes from the status and the body's shape
 * (gitlab-api.md §1.1: {@code {"error"}} is parameter validation, which the same request
 * always fails again; {@code {"message"}} is a business rule); GitLab's text only picks
 * which rule fired and the wording.
 *
 * @param message what happened and what to do, shown to the user
 * @param pressAgain whether the request stays approved, so pressing again may work later
 * @param awaitingChange whether pressing again can only work once someone has changed
 * what the message names (a group setting, the service account's rights)
 * @param status GitLab's status, {@code 0} when it did not answer
 * @param gitlabReason GitLab's own reason, for the audit trail
 * @author Token Portal team
 */
record GitLabRefusal(String message, boolean pressAgain, boolean awaitingChange, int status, String gitlabReason) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NOTHING_CREATED = " Nothing was created.";

	/**
	 * Reads a refusal from what the GitLab client threw.
	 * @param ex the refusal
	 * @param target the project or group
	 * @param what {@code create} or {@code rotate}, for the wording
	 * @return the refusal
	 */
	static GitLabRefusal of(GitLabException ex, GitLabTarget target, String what) {
		Body body = body(ex);
		String reason = (body.text() != null) ? body.text() : String.valueOf(ex.getMessage());
		String path = target.fullPath();
		if (ex instanceof GitLabUnavailableException unavailable) {
			return unavailable(unavailable, reason);
		}
		if (ex instanceof GitLabAccessDeniedException) {
			return new GitLabRefusal("GitLab refused the portal's service account (HTTP " + ex.status()
					+ "): its credential is invalid, has expired or lacks the api scope, or it lacks the rights to "
					+ "manage access tokens in " + path + "." + NOTHING_CREATED
					+ " Ask the portal administrators to fix the service account, then press the button again.", true,
					true, ex.status(), reason);
		}
		if (ex instanceof GitLabNotFoundException) {
			return new GitLabRefusal("GitLab no longer shows " + path
					+ " to the portal: it was deleted or moved, or the portal's service account lost access to it."
					+ NOTHING_CREATED + " Submit a new request for the project or group where it lives now.", false,
					false, ex.status(), reason);
		}
		if (body.validation()) {
			return validation(reason, path, ex.status());
		}
		return businessRule(reason, target, what, ex.status());
	}

	private static GitLabRefusal unavailable(GitLabUnavailableException ex, String reason) {
		if (ex.status() == 429) {
			Duration wait = ex.retryAfter();
			return new GitLabRefusal(
					"GitLab asked the portal to slow down (too many requests)." + NOTHING_CREATED + " Try again "
							+ ((wait != null) ? "in " + Math.max(1, wait.toSeconds()) + " seconds." : "shortly."),
					true, false, 429, reason);
		}
		return new GitLabRefusal("GitLab could not be reached." + NOTHING_CREATED + " Try again in a moment.", true,
				false, ex.status(), reason);
	}

	/**
	 * Grape's parameter validation: deterministic, so the same request fails again.
	 */
	private static GitLabRefusal validation(String reason, String path, int status) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.contains("scopes")) {
			return new GitLabRefusal("This GitLab instance does not offer one of the requested scopes for access "
					+ "tokens (GitLab: \"" + reason + "\"); a scope such as k8s_proxy, ai_features or the registry "
					+ "scopes exists only when that feature is enabled." + NOTHING_CREATED
					+ " Submit a new request with scopes this instance offers.", false, false, status, reason);
		}
		if (lower.contains("access_level")) {
			return new GitLabRefusal(
					"This GitLab instance does not accept the requested access level (GitLab: \"" + reason + "\")."
							+ NOTHING_CREATED + " Submit a new request with another access level.",
					false, false, status, reason);
		}
		if (lower.contains("expires_at")) {
			return new GitLabRefusal("GitLab did not accept the expiry date (GitLab: \"" + reason + "\")."
					+ NOTHING_CREATED + " Submit a new request with another expiry date.", false, false, status,
					reason);
		}
		return new GitLabRefusal("GitLab rejected the token's settings for " + path + " (GitLab: \"" + reason + "\")."
				+ NOTHING_CREATED + " Submit a new request with corrected settings.", false, false, status, reason);
	}

	/**
	 * {@code 400 {"message": "400 Bad request - …"}}: a rule of GitLab's create or rotate
	 * service.
	 */
	private static GitLabRefusal businessRule(String reason, GitLabTarget target, String what, int status) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.contains("does not have permission to create")) {
			return new GitLabRefusal("GitLab does not allow access tokens to be created in " + target.fullPath()
					+ ". Either the Owners of the top-level group \"" + target.topLevelNamespace()
					+ "\" must enable \"Users can create project access tokens and group access tokens in this group\" "
					+ "in that group's settings (Settings > General > Permissions and group features), or the "
					+ "portal's service account lacks Maintainer or Owner rights there." + NOTHING_CREATED
					+ " Once that is fixed, press the button again.", true, true, status, reason);
		}
		if (lower.contains("expires at")) {
			return new GitLabRefusal("The expiry date is later than this GitLab instance allows for access tokens "
					+ "(GitLab: \"" + strip(reason) + "\")." + NOTHING_CREATED
					+ " Submit a new request with an earlier expiry date.", false, false, status, reason);
		}
		if (lower.contains("scopes can only contain")) {
			return new GitLabRefusal(
					"This GitLab instance does not offer one of the requested scopes (GitLab: \"" + strip(reason)
							+ "\")." + NOTHING_CREATED + " Submit a new request with scopes this instance offers.",
					false, false, status, reason);
		}
		if (lower.contains("access level") || lower.contains("owner access") || lower.contains("not eligible")) {
			return new GitLabRefusal("The portal's service account does not hold the access level this token needs in "
					+ target.fullPath() + " (GitLab: \"" + strip(reason) + "\")." + NOTHING_CREATED
					+ " Ask the portal administrators to give the service account that level, then press the button "
					+ "again.", true, true, status, reason);
		}
		if (lower.contains("already revoked")) {
			return new GitLabRefusal("GitLab says this token was already revoked, so it cannot be rotated."
					+ " Request a new token instead.", false, false, status, reason);
		}
		return new GitLabRefusal(
				"GitLab refused to " + what + " the token in " + target.fullPath() + " (GitLab: \"" + strip(reason)
						+ "\")." + NOTHING_CREATED + " You may press the button again later.",
				true, false, status, reason);
	}

	/**
	 * GitLab's prefix {@code 400 Bad request - } adds nothing for a person.
	 */
	private static String strip(String reason) {
		int dash = reason.indexOf(" - ");
		return (reason.startsWith("400") && dash > 0) ? reason.substring(dash + 3) : reason;
	}

	private static Body body(GitLabException ex) {
		Throwable cause = ex.getCause();
		while (cause != null && !(cause instanceof RestClientResponseException)) {
			cause = cause.getCause();
		}
		if (!(cause instanceof RestClientResponseException response)) {
			return new Body(false, null);
		}
		try {
			JsonNode json = JSON.readTree(response.getResponseBodyAsString());
			JsonNode error = json.get("error");
			JsonNode message = json.get("message");
			if (message != null && message.isString()) {
				return new Body(false, message.asString());
			}
			if (error != null && error.isString()) {
				return new Body(json.get("error_description") == null, error.asString());
			}
			return new Body(false, null);
		}
		catch (JacksonException notJson) {
			return new Body(false, null);
		}
	}

	/**
	 * The shape of GitLab's error body.
	 *
	 * @param validation {@code {"error": "..."}} from Grape's parameter validation
	 * @param text the reason GitLab gave, if any
	 */
	private record Body(boolean validation, @Nullable String text) {
	}

}
