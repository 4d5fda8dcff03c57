package dev.tokenportal.policy;

/**
 * How much scrutiny a token request needs.
 *
 * @author Token Portal team
 */
public enum Tier {

	/** Granted at once. */
	LOW(0),

	/** One approval from an effective Owner of the target. */
	STANDARD(1),

	/** Two approvals from distinct effective Owners of the target. */
	HIGH(2),

	/** Refused, with the reason. */
	DENIED(0);

	private final int requiredApprovals;

	Tier(int requiredApprovals) {
		this.requiredApprovals = requiredApprovals;
	}

	/**
	 * Approvals from distinct Owners needed before the token may be created.
	 * @return the number of approvals
	 */
	public int requiredApprovals() {
		return this.requiredApprovals;
	}

}
