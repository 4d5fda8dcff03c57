package dev.gitlabsandbox;

/**
 * Thrown by a handler to answer with an error response right away; carries no stack trace
 * because it is control flow, not a failure.
 *
 * @author Token Portal team
 */
final class ApiError extends RuntimeException {

	private final transient SandboxResponse response;

	ApiError(SandboxResponse response) {
		super("HTTP " + response.status(), null, false, false);
		this.response = response;
	}

	SandboxResponse response() {
		return this.response;
	}

}
