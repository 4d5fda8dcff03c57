package dev.tokenportal.requests;

/**
 * The requester is not a member of the target they asked a token for (or GitLab does not
 * know it).
 *
 * @author Token Portal team
 */
public class TargetNotAllowedException extends RuntimeException {

	public TargetNotAllowedException(String message) {
		super(message);
	}

}
