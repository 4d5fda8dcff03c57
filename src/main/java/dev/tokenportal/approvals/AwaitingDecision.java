package dev.tokenportal.approvals;

import java.time.Instant;
import java.util.UUID;

import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.TokenRequest;

/**
 * A request waiting for one Owner's decision: pending, on a target they own, not theirs,
 * and not decided by them yet.
 *
 * @param id the request
 * @param shortId its short id
 * @param requesterUsername who asks
 * @param targetType {@code project} or {@code group}
 * @param targetPath the target's full path
 * @param tokenName the token's name
 * @param tier the policy's tier
 * @param submittedAt when it was submitted
 * @param approvals how many distinct Owners approved so far
 * @param requiredApprovals how many are needed
 * @author Token Portal team
 */
public record AwaitingDecision(UUID id, String shortId, String requesterUsername, String targetType, String targetPath,
		String tokenName, Tier tier, Instant submittedAt, long approvals, int requiredApprovals) {

	static AwaitingDecision of(TokenRequest request, long approvals) {
		return new AwaitingDecision(request.getId(), request.getShortId(), request.getRequesterUsername(),
				request.getTargetType().name().toLowerCase(), request.getTargetPath(), request.getTokenName(),
				request.getTier(), request.getCreatedAt(), approvals, request.getRequiredApprovals());
	}

}
