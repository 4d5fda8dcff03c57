package dev.tokenportal.policy;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

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
	 * The tier's name as users read it, the one spelling in the bundles
	 * ({@code tier.STANDARD}).
	 * @return the name to resolve in the reader's locale
	 */
	public MessageSourceResolvable named() {
		return new DefaultMessageSourceResolvable("tier." + name());
	}

	/**
	 * Approvals from distinct Owners needed before the token may be created.
	 * @return the number of approvals
	 */
	public int requiredApprovals() {
		return this.requiredApprovals;
	}

}
