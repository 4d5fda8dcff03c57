package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.Tier;

import org.springframework.context.MessageSourceResolvable;

/**
 * A token request as its page shows it to one viewer, with what that viewer is to it. The
 * approvals and issuance fragments on the page read it too.
 *
 * @param id the request id
 * @param shortId the short id in GitLab token names
 * @param status where it stands
 * @param statusReason why it stands there, a code to resolve, or {@code null}
 * @param awaitingChange whether it is approved but GitLab refused its token until someone
 * changes what the status reason names
 * @param requesterUsername who asked
 * @param requesterAccessLevel the requester's own effective level on the target when they
 * asked, or {@code null} for requests from before the portal recorded it
 * @param targetType project or group
 * @param targetId the target's GitLab id
 * @param targetPath the target's full path
 * @param tokenName the token's name
 * @param description the description, or {@code null}
 * @param scopes the requested scopes
 * @param accessLevel the requested access level
 * @param expiresOn the requested expiry date
 * @param justification why the token is needed
 * @param tier the policy's tier
 * @param policyRule the rule that fired
 * @param policyReason the rule's reason, a code to resolve
 * @param policyVersion the policy version that decided
 * @param requiredApprovals approvals from distinct Owners needed
 * @param approvals the Owners' decisions so far
 * @param gitlabTokenId GitLab's token id once issued
 * @param gitlabTokenName the token's name in GitLab once issued
 * @param issuedExpiresOn the issued token's expiry date
 * @param renewalOf the request this one renews, or {@code null}
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 * @param viewerIsRequester whether the viewer asked for it
 * @param viewerIsApprover whether the viewer is an effective Owner of the target (asked
 * of GitLab now) and not the requester
 * @param viewerIsAuditor whether the viewer is a security auditor
 * @param lifetimeHours a lifetime in hours from creation, or {@code null} for the date
 * @param revokeAt the exact end of an issued hour token
 * @param destination the CI/CD variable the token goes to, or {@code null} when it is
 * shown once
 * @param autoRotate whether the portal rotates the delivered token before expiry without
 * asking again
 * @author Token Portal team
 */
public record TokenRequestView(UUID id, String shortId, TokenRequestStatus status, @Nullable StatusReason statusReason,
		boolean awaitingChange, String requesterUsername, @Nullable Integer requesterAccessLevel,
		GitLabResource targetType, long targetId, String targetPath, String tokenName, @Nullable String description,
		List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, Tier tier, String policyRule,
		StatusReason policyReason, long policyVersion, int requiredApprovals, List<ApprovalRow> approvals,
		@Nullable Long gitlabTokenId, @Nullable String gitlabTokenName, @Nullable LocalDate issuedExpiresOn,
		@Nullable UUID renewalOf, Instant createdAt, Instant updatedAt, boolean viewerIsRequester,
		boolean viewerIsApprover, boolean viewerIsAuditor, @Nullable Integer lifetimeHours, @Nullable Instant revokeAt,
		@Nullable VariableDestination destination, boolean autoRotate) {

	public TokenRequestView {
		scopes = List.copyOf(scopes);
		approvals = List.copyOf(approvals);
	}

	public TokenRequestView(UUID id, String shortId, TokenRequestStatus status, @Nullable StatusReason statusReason,
			boolean awaitingChange, String requesterUsername, @Nullable Integer requesterAccessLevel,
			GitLabResource targetType, long targetId, String targetPath, String tokenName, @Nullable String description,
			List<String> scopes, int accessLevel, LocalDate expiresOn, String justification, Tier tier,
			String policyRule, StatusReason policyReason, long policyVersion, int requiredApprovals,
			List<ApprovalRow> approvals, @Nullable Long gitlabTokenId, @Nullable String gitlabTokenName,
			@Nullable LocalDate issuedExpiresOn, @Nullable UUID renewalOf, Instant createdAt, Instant updatedAt,
			boolean viewerIsRequester, boolean viewerIsApprover, boolean viewerIsAuditor) {
		this(id, shortId, status, statusReason, awaitingChange, requesterUsername, requesterAccessLevel, targetType,
				targetId, targetPath, tokenName, description, scopes, accessLevel, expiresOn, justification, tier,
				policyRule, policyReason, policyVersion, requiredApprovals, approvals, gitlabTokenId, gitlabTokenName,
				issuedExpiresOn, renewalOf, createdAt, updatedAt, viewerIsRequester, viewerIsApprover, viewerIsAuditor,
				null, null, null, false);
	}

	/**
	 * Approvals given so far.
	 * @return the number of Owners who approved
	 */
	public int givenApprovals() {
		return (int) this.approvals.stream().filter(ApprovalRow::approved).count();
	}

	/**
	 * The access level's role name, from the bundles.
	 * @return e.g. {@code accessLevel.20}, Reporter
	 */
	public MessageSourceResolvable accessLevelLabel() {
		return AccessLevel.named(this.accessLevel);
	}

	/**
	 * How the page refers to the request whose token this one renews.
	 * @return e.g. {@code tp-6f1c2a3b}, or {@code null} when it renews nothing
	 */
	public @Nullable String renews() {
		return (this.renewalOf != null) ? TokenRequest.reference(this.renewalOf) : null;
	}

	/**
	 * The requester's own level's role name, from the bundles.
	 * @return e.g. {@code accessLevel.30}, Developer, or {@code null} when it was not
	 * recorded
	 */
	public @Nullable MessageSourceResolvable requesterAccessLevelLabel() {
		return (this.requesterAccessLevel != null) ? AccessLevel.named(this.requesterAccessLevel) : null;
	}

	/**
	 * Whether the token would have more access than its requester had.
	 * @return {@code true} when the recorded level is below the token's
	 */
	public boolean aboveRequester() {
		return this.requesterAccessLevel != null && this.accessLevel > this.requesterAccessLevel;
	}

	/**
	 * Whether the viewer may withdraw it now.
	 * @return {@code true} for the requester while no token exists
	 */
	public boolean cancellable() {
		return this.viewerIsRequester
				&& (this.status == TokenRequestStatus.PENDING_APPROVAL || this.status == TokenRequestStatus.APPROVED);
	}

	/**
	 * Whether the viewer may ask for it again, with the form filled in from it.
	 * @return {@code true} for the requester once it ended without a usable token
	 */
	public boolean requestableAgain() {
		return this.viewerIsRequester && this.status.canBeAskedAgain();
	}

	/**
	 * One Owner's decision on the request.
	 *
	 * @param approver the Owner's username
	 * @param decision {@code APPROVED} or {@code REJECTED}
	 * @param reason the reason given, or {@code null}
	 * @param decidedAt when
	 */
	public record ApprovalRow(String approver, String decision, @Nullable String reason, Instant decidedAt) {

		/**
		 * Whether this decision counts towards the required approvals.
		 * @return {@code true} for an approval
		 */
		public boolean approved() {
			return "APPROVED".equals(this.decision);
		}

	}

}
