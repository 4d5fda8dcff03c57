package dev.tokenportal.requests;

import dev.tokenportal.policy.PolicyDecision;

/**
 * The policy refuses the request; nothing was saved.
 *
 * @author Token Portal team
 */
public class PolicyDeniedException extends RuntimeException {

	private final transient PolicyDecision decision;

	public PolicyDeniedException(PolicyDecision decision) {
		super("Not allowed by the policy rule " + decision.rule());
		this.decision = decision;
	}

	public PolicyDecision decision() {
		return this.decision;
	}

}
