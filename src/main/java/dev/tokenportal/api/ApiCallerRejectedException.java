package dev.tokenportal.api;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Why a caller of the API was not let in, as the status, problem code and
 * {@code WWW-Authenticate} value to answer with. Its message never holds the token.
 *
 * @author Token Portal team
 */
final class ApiCallerRejectedException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final @Nullable String challenge;

	private final Object[] args;

	ApiCallerRejectedException(HttpStatus status, String code, @Nullable String challenge, Object... args) {
		super(code);
		this.status = status;
		this.code = code;
		this.challenge = challenge;
		this.args = args.clone();
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	@Nullable String challenge() {
		return this.challenge;
	}

	Object[] args() {
		return this.args.clone();
	}

}
