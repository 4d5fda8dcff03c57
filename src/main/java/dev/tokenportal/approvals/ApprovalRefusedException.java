package dev.tokenportal.approvals;

/**
 * An approve or reject was refused; nothing was decided. The message says why in plain
 * words and is safe to show to the person who pressed the button.
 *
 * @author Token Portal team
 */
public class ApprovalRefusedException extends RuntimeException {

	private final boolean gitLabFailed;

	private ApprovalRefusedException(String message, boolean gitLabFailed) {
		super(message);
		this.gitLabFailed = gitLabFailed;
	}

	/**
	 * A rule or a permission refused the decision.
	 * @param message why, in plain words
	 * @return the exception
	 */
	static ApprovalRefusedException denied(String message) {
		return new ApprovalRefusedException(message, false);
	}

	/**
	 * GitLab could not confirm eligibility, so the portal refused rather than guess.
	 * @param message what happened, in plain words
	 * @return the exception
	 */
	static ApprovalRefusedException gitLabFailed(String message) {
		return new ApprovalRefusedException(message, true);
	}

	/**
	 * Whether GitLab could not answer (a failure) rather than a rule refusing.
	 * @return {@code true} when GitLab could not confirm
	 */
	public boolean gitLabFailed() {
		return this.gitLabFailed;
	}

}
