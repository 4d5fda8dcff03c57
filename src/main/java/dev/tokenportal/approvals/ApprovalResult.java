package dev.tokenportal.approvals;

import java.util.UUID;

import dev.tokenportal.requests.TokenRequestStatus;

/**
 * Where a request stands after a decision.
 *
 * @param requestId the request
 * @param status its status now
 * @param approvals how many distinct Owners approved
 * @param requiredApprovals how many are needed
 * @author Token Portal team
 */
public record ApprovalResult(UUID requestId, TokenRequestStatus status, long approvals, int requiredApprovals) {

}
