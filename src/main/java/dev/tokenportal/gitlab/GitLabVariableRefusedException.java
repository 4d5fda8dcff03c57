package dev.tokenportal.gitlab;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClientResponseException;

/**
 * GitLab answered a CI/CD variable write or lookup with a refusal, so nothing was
 * written. {@link #refusal()} says which (gitlab-api.md §12.4, §12.6, §12.7), for words a
 * person can read; the message never carries the value.
 *
 * @author Token Portal team
 */
public class GitLabVariableRefusedException extends GitLabRefusedException {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Refusal refusal;

	private final String gitlabReason;

	GitLabVariableRefusedException(String message, int status, Refusal refusal, String gitlabReason,
			@Nullable Throwable cause) {
		super(message, status, cause);
		this.refusal = refusal;
		this.gitlabReason = gitlabReason;
	}

	/**
	 * Reads the kind of refusal from what the call threw: by status, then by the
	 * attribute GitLab's validation error names.
	 */
	static GitLabVariableRefusedException of(GitLabException ex) {
		int status = ex.status();
		String body = body(ex);
		String reason = GitLabErrors.reason(body, status);
		Refusal refusal = switch (status) {
			case 401, 403 -> Refusal.FORBIDDEN;
			case 404 -> Refusal.NOT_FOUND;
			case 409 -> Refusal.AMBIGUOUS;
			case 400 -> validation(body);
			default -> Refusal.OTHER;
		};
		return new GitLabVariableRefusedException(String.valueOf(ex.getMessage()), status, refusal, reason, ex);
	}

	private static Refusal validation(@Nullable String body) {
		if (body == null) {
			return Refusal.INVALID;
		}
		try {
			JsonNode message = JSON.readTree(body).get("message");
			if (message == null || !message.isObject()) {
				return Refusal.INVALID;
			}
			if (text(message.get("key")).contains("has already been taken")) {
				return Refusal.KEY_TAKEN;
			}
			if (message.has("value")) {
				return Refusal.VALUE_NOT_MASKABLE;
			}
			String base = text(message.get("base"));
			if (base.contains("maximum number of")) {
				return Refusal.LIMIT_REACHED;
			}
			if (base.contains("visibility setting") || base.contains("masked and hidden")) {
				return Refusal.VISIBILITY_LOCKED;
			}
			return Refusal.INVALID;
		}
		catch (JacksonException notJson) {
			return Refusal.INVALID;
		}
	}

	private static String text(@Nullable JsonNode node) {
		return (node != null) ? node.toString().toLowerCase(Locale.ROOT) : "";
	}

	private static @Nullable String body(GitLabException ex) {
		Throwable cause = ex.getCause();
		while (cause != null && !(cause instanceof RestClientResponseException)) {
			cause = cause.getCause();
		}
		return (cause instanceof RestClientResponseException response) ? response.getResponseBodyAsString() : null;
	}

	/**
	 * Which refusal.
	 * @return the kind
	 */
	public Refusal refusal() {
		return this.refusal;
	}

	/**
	 * GitLab's own words, for the audit trail.
	 * @return the reason
	 */
	public String gitlabReason() {
		return this.gitlabReason;
	}

	/**
	 * Why GitLab did not write a variable.
	 */
	public enum Refusal {

		/** A variable with this key already exists in this environment scope (400). */
		KEY_TAKEN,

		/** The value does not satisfy GitLab's masking rules (400 on {@code value}). */
		VALUE_NOT_MASKABLE,

		/** The project's or group's plan limit on variables is reached (400). */
		LIMIT_REACHED,

		/** A hidden variable's visibility cannot change (400). */
		VISIBILITY_LOCKED,

		/** Another validation error: key or scope GitLab does not accept (400). */
		INVALID,

		/**
		 * The service account may not manage the variables there (401/403: a project
		 * needs Maintainer, a group Owner).
		 */
		FORBIDDEN,

		/** The project, group or variable does not exist or is not visible (404). */
		NOT_FOUND,

		/** Several variables share the key and no scope picked one (409). */
		AMBIGUOUS,

		/** Anything else GitLab refused. */
		OTHER;

		/**
		 * Whether writing the same again can only work once someone changed something in
		 * GitLab (a variable removed, a role given, a limit raised).
		 * @return {@code true} if so
		 */
		public boolean awaitingChange() {
			return this == KEY_TAKEN || this == AMBIGUOUS || this == LIMIT_REACHED || this == FORBIDDEN;
		}

	}

}
