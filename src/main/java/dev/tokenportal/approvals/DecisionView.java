package dev.tokenportal.approvals;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.policy.AccessLevel;

import org.springframework.context.MessageSourceResolvable;

/**
 * One Owner's decision, shaped for a page.
 *
 * @param approverId the Owner's GitLab id
 * @param approverName the Owner's username
 * @param decision approved or rejected
 * @param reason the reason of a rejection
 * @param comment the comment of an approval, or {@code null}
 * @param accessLevel the role GitLab reported for the Owner at the decision, to resolve
 * @param decidedAt when
 * @author Token Portal team
 */
public record DecisionView(long approverId, String approverName, ApprovalDecision decision, @Nullable String reason,
		@Nullable String comment, MessageSourceResolvable accessLevel, Instant decidedAt) {

	static DecisionView of(Approval approval) {
		return new DecisionView(approval.getApproverId(), approval.getApproverName(), approval.getDecision(),
				approval.getReason(), approval.getComment(), AccessLevel.named(approval.getAccessLevel()),
				approval.getDecidedAt());
	}

	/**
	 * Whether this is an approval (not a rejection).
	 * @return {@code true} for an approval
	 */
	public boolean approved() {
		return this.decision == ApprovalDecision.APPROVED;
	}

}
