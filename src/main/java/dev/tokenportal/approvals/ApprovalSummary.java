package dev.tokenportal.approvals;

import java.util.List;

/**
 * The decisions taken on one request so far, for the request's page.
 *
 * @param approvals how many distinct Owners approved
 * @param decisions every decision, oldest first
 * @author Token Portal team
 */
public record ApprovalSummary(long approvals, List<DecisionView> decisions) {

	public ApprovalSummary {
		decisions = List.copyOf(decisions);
	}

	/**
	 * Whether a user has already decided on the request.
	 * @param gitlabUserId the user
	 * @return {@code true} if they approved or rejected it
	 */
	public boolean decidedBy(long gitlabUserId) {
		return this.decisions.stream().anyMatch((decision) -> decision.approverId() == gitlabUserId);
	}

}
