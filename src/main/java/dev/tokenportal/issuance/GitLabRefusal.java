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
import dev.tokenportal.requests.StatusReason;
import org.springframework.web.client.RestClientResponseException;

/**
 * Why GitLab did not create (or rotate) a token, as a message code with its arguments
 * (the words are in {@code messages/issuance.properties}), and whether pressing again may
 * work. The kind of refusal comes from the status and the body's shape (gitlab-api.md
 * §1.1: {@code {"error"}} is parameter validation, which the same request always fails
 * again; {@code {"message"}} is a business rule); GitLab's text only picks which rule
 * fired and the wording.
 *
 * @param reason what happened and what to do, shown to the user
 * @param pressAgain whether the request stays approved, so pressing again may work later
 * @param awaitingChange whether pressing again can only work once someone has changed
 * what the message names (a group setting, the service account's rights)
 * @param status GitLab's status, {@code 0} when it did not answer
 * @param gitlabReason GitLab's own reason, for the audit trail
 * @author Token Portal team
 */
record GitLabRefusal(StatusReason reason, boolean pressAgain, boolean awaitingChange, int status, String gitlabReason) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
			return new GitLabRefusal(code("issuance.refusal.accessDenied", ex.status(), path), true, true, ex.status(),
					reason);
		}
		if (ex instanceof GitLabNotFoundException) {
			return new GitLabRefusal(code("issuance.refusal.notFound", path), false, false, ex.status(), reason);
		}
		if (body.validation()) {
			return validation(reason, path, ex.status());
		}
		return businessRule(reason, target, what, ex.status());
	}

	private static GitLabRefusal unavailable(GitLabUnavailableException ex, String reason) {
		if (ex.status() == 429) {
			Duration wait = ex.retryAfter();
			return new GitLabRefusal((wait != null) ? code("issuance.refusal.slowDown", Math.max(1, wait.toSeconds()))
					: code("issuance.refusal.slowDownShortly"), true, false, 429, reason);
		}
		return new GitLabRefusal(code("issuance.refusal.unreachable"), true, false, ex.status(), reason);
	}

	/**
	 * Grape's parameter validation: deterministic, so the same request fails again.
	 */
	private static GitLabRefusal validation(String reason, String path, int status) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.contains("scopes")) {
			return new GitLabRefusal(code("issuance.refusal.validation.scopes", reason), false, false, status, reason);
		}
		if (lower.contains("access_level")) {
			return new GitLabRefusal(code("issuance.refusal.validation.accessLevel", reason), false, false, status,
					reason);
		}
		if (lower.contains("expires_at")) {
			return new GitLabRefusal(code("issuance.refusal.validation.expiresAt", reason), false, false, status,
					reason);
		}
		return new GitLabRefusal(code("issuance.refusal.validation.other", path, reason), false, false, status, reason);
	}

	/**
	 * {@code 400 {"message": "400 Bad request - …"}}: a rule of GitLab's create or rotate
	 * service.
	 */
	private static GitLabRefusal businessRule(String reason, GitLabTarget target, String what, int status) {
		String lower = reason.toLowerCase(Locale.ROOT);
		if (lower.contains("does not have permission to create")) {
			return new GitLabRefusal(
					code("issuance.refusal.notAllowedInGroup", target.fullPath(), target.topLevelNamespace()), true,
					true, status, reason);
		}
		if (lower.contains("expires at")) {
			return new GitLabRefusal(code("issuance.refusal.expiryTooLate", strip(reason)), false, false, status,
					reason);
		}
		if (lower.contains("scopes can only contain")) {
			return new GitLabRefusal(code("issuance.refusal.scopesNotOffered", strip(reason)), false, false, status,
					reason);
		}
		if (lower.contains("access level") || lower.contains("owner access") || lower.contains("not eligible")) {
			return new GitLabRefusal(code("issuance.refusal.serviceAccountLevel", target.fullPath(), strip(reason)),
					true, true, status, reason);
		}
		if (lower.contains("already revoked")) {
			return new GitLabRefusal(code("issuance.refusal.alreadyRevoked"), false, false, status, reason);
		}
		// the verb is part of the code, not an English word spliced into a sentence
		return new GitLabRefusal(code("issuance.refusal.other." + what, target.fullPath(), strip(reason)), true, false,
				status, reason);
	}

	private static StatusReason code(String name, Object... args) {
		return StatusReason.of(name, args);
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
