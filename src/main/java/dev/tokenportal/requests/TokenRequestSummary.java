package dev.tokenportal.requests;

import java.time.Instant;
import java.util.UUID;

import dev.tokenportal.policy.Tier;

/**
 * A line in "My requests".
 *
 * @param id the request id
 * @param shortId the short id
 * @param tokenName the token's name
 * @param targetPath the target's full path
 * @param status where it stands
 * @param tier the policy's tier
 * @param createdAt when it was submitted
 * @author Token Portal team
 */
public record TokenRequestSummary(UUID id, String shortId, String tokenName, String targetPath,
		TokenRequestStatus status, Tier tier, Instant createdAt) {

	static TokenRequestSummary of(TokenRequest request) {
		return new TokenRequestSummary(request.getId(), request.getShortId(), request.getTokenName(),
				request.getTargetPath(), request.getStatus(), request.getTier(), request.getCreatedAt());
	}

}
