package dev.tokenportal.issuance;

import java.util.UUID;

/**
 * GitLab or the policy refused a token action. The message says why in plain words and
 * what to do; it is shown to the user and never carries a credential or a token value.
 *
 * @author Token Portal team
 */
public class TokenActionRefusedException extends RuntimeException {

	private final UUID requestId;

	public TokenActionRefusedException(UUID requestId, String message) {
		super(message);
		this.requestId = requestId;
	}

	public UUID requestId() {
		return this.requestId;
	}

}
