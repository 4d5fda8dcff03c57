package dev.tokenportal.approvals;

import dev.tokenportal.audit.AuditOutcome;

/**
 * An approve or reject was refused; nothing was decided. The message says why in plain
 * words and is safe to show to the person who pressed the button.
 *
 * @author Token Portal team
 */
public class ApprovalRefusedException extends RuntimeException {

	private final AuditOutcome outcome;

	private ApprovalRefusedException(String message, AuditOutcome outcome) {
		super(message);
		this.outcome = outcome;
	}

	/**
	 * A rule or a permission refused the decision.
	 * @param message why, in plain words
	 * @return the exception
	 */
	static ApprovalRefusedException denied(String message) {
		return new ApprovalRefusedException(message, AuditOutcome.DENIED);
	}

	/**
	 * GitLab could not confirm eligibility, so the portal refused rather than guess.
	 * @param message what happened, in plain words
	 * @return the exception
	 */
	static ApprovalRefusedException gitLabFailed(String message) {
		return new ApprovalRefusedException(message, AuditOutcome.FAILURE);
	}

	/**
	 * How the refused attempt is audited.
	 * @return {@code DENIED} for a rule, {@code FAILURE} when GitLab could not answer
	 */
	public AuditOutcome outcome() {
		return this.outcome;
	}

}
