package dev.tokenportal.api;

import org.springframework.http.HttpStatus;

/**
 * An {@code Idempotency-Key} that cannot be used for this call.
 *
 * @author Token Portal team
 */
final class IdempotencyConflictException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	IdempotencyConflictException(HttpStatus status, String code) {
		super(code);
		this.status = status;
		this.code = code;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

}
