package dev.tokenportal.requests;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A request cannot move that way from where it stands, typically because someone else (a
 * second tab, another approver, a job) moved it first.
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class IllegalTransitionException extends RuntimeException {

	private final TokenRequestStatus current;

	IllegalTransitionException(String action, TokenRequestStatus current) {
		super("Cannot " + action + " a request that is " + current.name().toLowerCase().replace('_', ' '));
		this.current = current;
	}

	/**
	 * The state the request was in.
	 * @return the status
	 */
	public TokenRequestStatus current() {
		return this.current;
	}

}
