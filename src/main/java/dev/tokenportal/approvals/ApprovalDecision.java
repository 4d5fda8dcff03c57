package dev.tokenportal.approvals;

/**
 * What an Owner decided on a request.
 *
 * @author Token Portal team
 */
public enum ApprovalDecision {

	/** The Owner approved; counts towards the request's required approvals. */
	APPROVED,

	/** The Owner rejected; the request ends. */
	REJECTED

}
