package dev.tokenportal.requests;

/**
 * The token may not go to the CI/CD variable the requester named: GitLab does not know
 * the destination, the policy keeps it out, or the requester or the portal may not write
 * its variables. Nothing was saved.
 *
 * @author Token Portal team
 */
public class DestinationRefusedException extends RuntimeException {

	private final StatusReason reason;

	/**
	 * A refusal in words for the requester.
	 * @param reason why
	 */
	public DestinationRefusedException(StatusReason reason) {
		super(reason.code());
		this.reason = reason;
	}

	/**
	 * Why, to resolve in the reader's locale.
	 * @return the reason
	 */
	public StatusReason reason() {
		return this.reason;
	}

}
