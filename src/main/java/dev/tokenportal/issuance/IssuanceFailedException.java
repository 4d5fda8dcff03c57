package dev.tokenportal.issuance;

import java.util.UUID;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * A create went wrong after GitLab may have acted: its answer was lost, or the portal
 * could not record the token. The portal has already cleaned up (or left it to
 * reconciliation); {@link #problem()} says what happened and what to do, as a code the
 * page resolves in the reader's locale.
 *
 * @author Token Portal team
 */
public class IssuanceFailedException extends RuntimeException {

	private final UUID requestId;

	private final HttpStatus status;

	private final MessageSourceResolvable problem;

	public IssuanceFailedException(UUID requestId, HttpStatus status, MessageSourceResolvable problem) {
		super("Issuance failed: " + String.join(",", TokenActionRefusedException.codes(problem)));
		this.requestId = requestId;
		this.status = status;
		this.problem = problem;
	}

	/**
	 * What happened and what to do, to resolve in the user's locale.
	 * @return the message
	 */
	public MessageSourceResolvable problem() {
		return this.problem;
	}

	public UUID requestId() {
		return this.requestId;
	}

	public HttpStatus status() {
		return this.status;
	}

}
