package dev.tokenportal.policy;

/**
 * What the policy decided and why; saved with the request and shown to everyone who sees
 * it.
 *
 * @param tier the tier
 * @param rule the rule that fired, a stable key such as {@code high.owner-level}
 * @param reason the same as a message code with arguments, resolved where it is shown
 * @author Token Portal team
 */
public record PolicyDecision(Tier tier, String rule, PolicyReason reason) {

	/**
	 * Approvals from distinct Owners needed.
	 * @return the number
	 */
	public int requiredApprovals() {
		return this.tier.requiredApprovals();
	}

	/**
	 * Whether the request may go ahead at all.
	 * @return {@code false} when denied
	 */
	public boolean allowed() {
		return this.tier != Tier.DENIED;
	}

}
