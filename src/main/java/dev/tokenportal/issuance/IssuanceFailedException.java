package dev.tokenportal.issuance;

import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * A create went wrong after GitLab may have acted: its answer was lost, or the portal
 * could not record the token. The portal has already cleaned up (or left it to
 * reconciliation); the message says what happened and what to do, in plain words.
 *
 * @author Token Portal team
 */
public class IssuanceFailedException extends RuntimeException {

	private final UUID requestId;

	private final HttpStatus status;

	public IssuanceFailedException(UUID requestId, HttpStatus status, String message) {
		super(message);
		this.requestId = requestId;
		this.status = status;
	}

	public UUID requestId() {
		return this.requestId;
	}

	public HttpStatus status() {
		return this.status;
	}

}
