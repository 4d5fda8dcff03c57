package dev.tokenportal.issuance;

import dev.tokenportal.requests.StatusReason;

/**
 * A token could not be written into its CI/CD variable; the variable does not hold it
 * (or, when {@link #cleanupPending()}, the portal will remove it once GitLab answers).
 * The message never carries the value.
 *
 * @author Token Portal team
 */
public class VariableNotWrittenException extends RuntimeException {

	private final StatusReason reason;

	private final boolean awaitingChange;

	private final int gitlabStatus;

	private final String gitlabReason;

	private final boolean cleanupPending;

	/**
	 * @param reason why, in plain words for the requester
	 * @param awaitingChange whether trying again can only work once someone changed what
	 * the reason names
	 * @param gitlabStatus GitLab's status, {@code 0} when it did not answer
	 * @param gitlabReason GitLab's own words, for the trail
	 * @param cleanupPending whether GitLab could not confirm what it holds, so the portal
	 * settles it later
	 */
	public VariableNotWrittenException(StatusReason reason, boolean awaitingChange, int gitlabStatus,
			String gitlabReason, boolean cleanupPending) {
		super("Variable not written: " + reason.code());
		this.reason = reason;
		this.awaitingChange = awaitingChange;
		this.gitlabStatus = gitlabStatus;
		this.gitlabReason = gitlabReason;
		this.cleanupPending = cleanupPending;
	}

	public StatusReason reason() {
		return this.reason;
	}

	public boolean awaitingChange() {
		return this.awaitingChange;
	}

	public int gitlabStatus() {
		return this.gitlabStatus;
	}

	public String gitlabReason() {
		return this.gitlabReason;
	}

	public boolean cleanupPending() {
		return this.cleanupPending;
	}

}
