package dev.gitlabsandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's error bodies, exactly (gitlab-api.md §1.1): {@code {"message"}} from the API
 * helpers, {@code {"error"}} from Grape (validation, unknown route) and the OAuth guard.
 *
 * @author Token Portal team
 */
final class GitLabErrors {

	private GitLabErrors() {
	}

	static ApiError message(int status, String message) {
		return new ApiError(SandboxResponse.json(status, Map.of("message", message)));
	}

	static ApiError badRequest(String reason) {
		return message(400, "400 Bad request - " + reason);
	}

	static ApiError unauthorized() {
		return message(401, "401 Unauthorized");
	}

	/**
	 * The {@code not_found!(thing)} helper.
	 * @param thing for example "Project" or "Group"
	 * @return 404 {@code "404 <thing> Not Found"}
	 */
	static ApiError notFound(String thing) {
		return message(404, "404 " + thing + " Not Found");
	}

	static ApiError notFound() {
		return message(404, "404 Not Found");
	}

	/**
	 * What {@code ActiveRecord::RecordNotFound} renders: note the lowercase "found".
	 * @return 404 {@code "404 Not found"}
	 */
	static ApiError recordNotFound() {
		return message(404, "404 Not found");
	}

	/**
	 * The catch-all route's answer to an unknown path, with the {@code error} key.
	 * @return 404 {@code {"error":"404 Not Found"}}
	 */
	static ApiError routeNotFound() {
		return new ApiError(SandboxResponse.json(404, Map.of("error", "404 Not Found")));
	}

	/**
	 * Grape parameter validation: all messages joined with ", ".
	 * @param errors for example {@code name is missing}
	 * @return 400 {@code {"error":"..."}}
	 */
	static ApiError validation(List<String> errors) {
		return new ApiError(SandboxResponse.json(400, Map.of("error", String.join(", ", errors))));
	}

	/**
	 * {@code render_validation_error!}: a model's errors by attribute.
	 * @param errors for example {@code key -> ["(K) has already been taken"]}, in the
	 * order the model added them
	 * @return 400 {@code {"message":{"key":["..."]}}}
	 */
	static ApiError modelErrors(Map<String, List<String>> errors) {
		return new ApiError(SandboxResponse.json(400, Map.of("message", errors)));
	}

	static ApiError tokenExpired() {
		return invalidToken("Token is expired. You can either do re-authorization or token refresh.");
	}

	static ApiError tokenRevoked() {
		return invalidToken("Token was revoked. You have to re-authorize from the user.");
	}

	static ApiError insufficientScope(List<String> acceptedScopes) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", "insufficient_scope");
		body.put("error_description", "The request requires higher privileges than provided by the access token.");
		body.put("scope", String.join(" ", acceptedScopes));
		return new ApiError(SandboxResponse.json(403, body));
	}

	private static ApiError invalidToken(String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", "invalid_token");
		body.put("error_description", description);
		return new ApiError(SandboxResponse.json(401, body));
	}

}
