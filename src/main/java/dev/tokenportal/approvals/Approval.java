package dev.tokenportal.approvals;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * One Owner's decision on one request, with the access level GitLab reported for them at
 * that moment. The database allows one decision per Owner and request, so each Owner
 * counts once however often they press.
 *
 * @author Token Portal team
 */
@Entity
@Table(name = "approval")
public class Approval {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private UUID requestId;

	private long approverId;

	private String approverName;

	@Enumerated(EnumType.STRING)
	private ApprovalDecision decision;

	private @Nullable String reason;

	private @Nullable String comment;

	private int accessLevel;

	private Instant decidedAt;

	protected Approval() {
	}

	private Approval(UUID requestId, long approverId, String approverName, ApprovalDecision decision,
			@Nullable String reason, @Nullable String comment, int accessLevel, Instant decidedAt) {
		this.requestId = requestId;
		this.approverId = approverId;
		this.approverName = approverName;
		this.decision = decision;
		this.reason = reason;
		this.comment = comment;
		this.accessLevel = accessLevel;
		this.decidedAt = decidedAt;
	}

	/**
	 * An Owner approved.
	 * @param requestId the request
	 * @param approverId the Owner's GitLab id
	 * @param approverName the Owner's username
	 * @param comment what the Owner added, checked by {@link ApprovalComments}, or
	 * {@code null}
	 * @param accessLevel the level GitLab reported for the Owner at the decision
	 * @param now the time
	 * @return the approval
	 */
	static Approval approved(UUID requestId, long approverId, String approverName, @Nullable String comment,
			int accessLevel, Instant now) {
		return new Approval(requestId, approverId, approverName, ApprovalDecision.APPROVED, null, comment, accessLevel,
				now);
	}

	/**
	 * An Owner rejected.
	 * @param requestId the request
	 * @param approverId the Owner's GitLab id
	 * @param approverName the Owner's username
	 * @param reason why, shown to the requester
	 * @param accessLevel the level GitLab reported for the Owner at the decision
	 * @param now the time
	 * @return the rejection
	 */
	static Approval rejected(UUID requestId, long approverId, String approverName, String reason, int accessLevel,
			Instant now) {
		return new Approval(requestId, approverId, approverName, ApprovalDecision.REJECTED, reason, null, accessLevel,
				now);
	}

	public @Nullable Long getId() {
		return this.id;
	}

	public UUID getRequestId() {
		return this.requestId;
	}

	public long getApproverId() {
		return this.approverId;
	}

	public String getApproverName() {
		return this.approverName;
	}

	public ApprovalDecision getDecision() {
		return this.decision;
	}

	public @Nullable String getReason() {
		return this.reason;
	}

	public @Nullable String getComment() {
		return this.comment;
	}

	public int getAccessLevel() {
		return this.accessLevel;
	}

	public Instant getDecidedAt() {
		return this.decidedAt;
	}

	@Override
	public String toString() {
		return "Approval[" + this.requestId + ", " + this.approverName + ", " + this.decision + "]";
	}

}
