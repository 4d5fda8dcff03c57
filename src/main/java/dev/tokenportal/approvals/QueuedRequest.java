package dev.tokenportal.approvals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.VariableDestination;

import org.springframework.context.MessageSourceResolvable;

/**
 * A request in an Owner's queue, with everything needed to decide at a glance.
 *
 * @param id the request
 * @param shortId its short id
 * @param requesterUsername who asks
 * @param requesterAccessLevel the requester's own role on the target when they asked, to
 * resolve, or {@code null} for requests from before the portal recorded it
 * @param targetType {@code project} or {@code group}
 * @param targetPath the target's full path
 * @param tokenName the token's name
 * @param scopes the scopes asked for
 * @param accessLevel the role asked for, to resolve
 * @param aboveRequester whether the token would have more access than its requester
 * @param expiresOn the expiry date asked for
 * @param justification why the requester needs it
 * @param tier the policy's tier
 * @param policyReason why the policy chose that tier, a code to resolve
 * @param approvals how many distinct Owners approved so far
 * @param requiredApprovals how many are needed
 * @param submittedAt when it was submitted
 * @param approvedByViewer whether the viewer already approved it
 * @param lifetimeHours a lifetime in hours from creation instead of the date, or
 * {@code null}
 * @param destination the CI/CD variable the token is to go to, or {@code null} when it is
 * shown once
 * @param autoRotate whether approving also approves automatic rotations before expiry
 * @param renews how pages refer to the request whose token this one renews, or
 * {@code null}
 * @author Token Portal team
 */
public record QueuedRequest(UUID id, String shortId, String requesterUsername,
		@Nullable MessageSourceResolvable requesterAccessLevel, String targetType, String targetPath, String tokenName,
		List<String> scopes, MessageSourceResolvable accessLevel, boolean aboveRequester, LocalDate expiresOn,
		String justification, Tier tier, StatusReason policyReason, long approvals, int requiredApprovals,
		Instant submittedAt, boolean approvedByViewer, @Nullable Integer lifetimeHours,
		@Nullable VariableDestination destination, boolean autoRotate, @Nullable String renews) {

	public QueuedRequest {
		scopes = List.copyOf(scopes);
	}

	/**
	 * A queued request whose token is shown once.
	 */
	public QueuedRequest(UUID id, String shortId, String requesterUsername,
			@Nullable MessageSourceResolvable requesterAccessLevel, String targetType, String targetPath,
			String tokenName, List<String> scopes, MessageSourceResolvable accessLevel, boolean aboveRequester,
			LocalDate expiresOn, String justification, Tier tier, StatusReason policyReason, long approvals,
			int requiredApprovals, Instant submittedAt, boolean approvedByViewer) {
		this(id, shortId, requesterUsername, requesterAccessLevel, targetType, targetPath, tokenName, scopes,
				accessLevel, aboveRequester, expiresOn, justification, tier, policyReason, approvals, requiredApprovals,
				submittedAt, approvedByViewer, null, null, false, null);
	}

	static QueuedRequest of(TokenRequest request, List<Approval> decisions, long viewerId) {
		long approvals = decisions.stream()
			.filter((approval) -> approval.getDecision() == ApprovalDecision.APPROVED)
			.count();
		boolean approvedByViewer = decisions.stream().anyMatch((approval) -> approval.getApproverId() == viewerId);
		Integer own = request.getRequesterAccessLevel();
		return new QueuedRequest(request.getId(), request.getShortId(), request.getRequesterUsername(),
				(own != null) ? AccessLevel.named(own) : null, request.getTargetType().name().toLowerCase(),
				request.getTargetPath(), request.getTokenName(), request.getScopes(),
				AccessLevel.named(request.getAccessLevel()), own != null && request.getAccessLevel() > own,
				request.getExpiresOn(), request.getJustification(), request.getTier(), request.getPolicyReason(),
				approvals, request.getRequiredApprovals(), request.getCreatedAt(), approvedByViewer,
				request.getLifetimeHours(), request.getDestination(), request.isAutoRotate(),
				(request.getRenewalOf() != null) ? TokenRequest.reference(request.getRenewalOf()) : null);
	}

}
