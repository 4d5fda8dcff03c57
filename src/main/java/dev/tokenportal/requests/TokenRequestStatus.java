package dev.tokenportal.requests;

import java.util.Set;

/**
 * Where a token request stands. {@code PENDING_APPROVAL → APPROVED → ISSUING → ISSUED →
 * REVOKED | EXPIRED}, with the side exits of design.md.
 *
 * @author Token Portal team
 */
public enum TokenRequestStatus {

	/** Waiting for Owners' approvals. */
	PENDING_APPROVAL,

	/** Granted (at once or by Owners); the requester may press Create token. */
	APPROVED,

	/** The create call to GitLab is under way. */
	ISSUING,

	/** GitLab created the token; its value was shown once. */
	ISSUED,

	/** The token was revoked. */
	REVOKED,

	/** The token reached its expiry date. */
	EXPIRED,

	/** An Owner rejected the request. */
	REJECTED,

	/** The requester withdrew it. */
	CANCELLED,

	/** Pending or approved for too long. */
	LAPSED,

	/** GitLab's answer to the create call was lost; reconciliation decides. */
	ISSUE_UNKNOWN,

	/** GitLab refused the create for a reason pressing again cannot fix. */
	FAILED;

	private static final Set<TokenRequestStatus> FINAL = Set.of(REVOKED, EXPIRED, REJECTED, CANCELLED, LAPSED, FAILED);

	private static final Set<TokenRequestStatus> ASKED_AGAIN = Set.of(REJECTED, LAPSED, CANCELLED, EXPIRED, REVOKED,
			FAILED);

	/**
	 * Whether nothing more can happen to the request.
	 * @return {@code true} for final states
	 */
	public boolean isFinal() {
		return FINAL.contains(this);
	}

	/**
	 * Whether its requester may ask for the same again with the form filled in: it ended
	 * without a token they could still use (a revoked token's request included, and one
	 * GitLab refused, whose fields the form lets them change).
	 * @return {@code true} when rejected, lapsed, cancelled, expired, revoked or failed
	 */
	public boolean canBeAskedAgain() {
		return ASKED_AGAIN.contains(this);
	}

}
