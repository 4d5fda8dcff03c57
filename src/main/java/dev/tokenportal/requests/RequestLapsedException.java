package dev.tokenportal.requests;

import java.util.UUID;

/**
 * An action found its request overdue and lapsed it instead (the lapse is committed with
 * its audit event); nothing was decided and nothing was sent to GitLab.
 *
 * @author Token Portal team
 */
public class RequestLapsedException extends RuntimeException {

	private final UUID requestId;

	RequestLapsedException(UUID requestId, String reason) {
		super("This request lapsed: " + reason + ".");
		this.requestId = requestId;
	}

	public UUID requestId() {
		return this.requestId;
	}

}
