package dev.tokenportal.issuance;

import java.util.UUID;

import dev.tokenportal.requests.TokenRequestStatus;

/**
 * The request is not where the action needs it: a second press found the token already
 * being created or created, or a token was already revoked. Answered with 409 and a page
 * that says so; nothing was sent to GitLab.
 *
 * @author Token Portal team
 */
public class TokenActionConflictException extends RuntimeException {

	private final UUID requestId;

	private final TokenRequestStatus current;

	public TokenActionConflictException(UUID requestId, TokenRequestStatus current) {
		super("Request " + requestId + " is " + current);
		this.requestId = requestId;
		this.current = current;
	}

	public UUID requestId() {
		return this.requestId;
	}

	public TokenRequestStatus current() {
		return this.current;
	}

}
