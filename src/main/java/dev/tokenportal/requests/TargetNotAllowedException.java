package dev.tokenportal.requests;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The requester is not a member of the target they asked a token for (or GitLab does not
 * know it).
 *
 * @author Token Portal team
 */
public class TargetNotAllowedException extends RuntimeException {

	private final MessageSourceResolvable problem;

	/**
	 * A refusal said by a message code.
	 * @param code the code in {@code messages/requests.properties}
	 * @param args its arguments
	 */
	public TargetNotAllowedException(String code, Object... args) {
		super(code);
		this.problem = new DefaultMessageSourceResolvable(new String[] { code }, args);
	}

	/**
	 * Why the target is not allowed, to resolve in the reader's locale.
	 * @return the message
	 */
	public MessageSourceResolvable problem() {
		return this.problem;
	}

}
