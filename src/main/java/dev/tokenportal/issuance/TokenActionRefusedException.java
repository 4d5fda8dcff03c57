package dev.tokenportal.issuance;

import java.util.UUID;

import org.springframework.context.MessageSourceResolvable;

/**
 * GitLab or the policy refused a token action. {@link #problem()} says why and what to
 * do, as a code the controller resolves in the user's locale; it never carries a
 * credential or a token value.
 *
 * @author Token Portal team
 */
public class TokenActionRefusedException extends RuntimeException {

	private final UUID requestId;

	private final MessageSourceResolvable problem;

	/**
	 * A refusal said by a message code.
	 * @param requestId the request
	 * @param problem why, and what to do
	 */
	public TokenActionRefusedException(UUID requestId, MessageSourceResolvable problem) {
		super("Refused: " + String.join(",", codes(problem)));
		this.requestId = requestId;
		this.problem = problem;
	}

	/**
	 * Why the action was refused, to resolve in the user's locale.
	 * @return the message
	 */
	public MessageSourceResolvable problem() {
		return this.problem;
	}

	static String[] codes(MessageSourceResolvable problem) {
		String[] codes = problem.getCodes();
		return (codes != null) ? codes : new String[0];
	}

	public UUID requestId() {
		return this.requestId;
	}

}
