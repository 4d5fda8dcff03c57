package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.security.CurrentUser;

/**
 * What happened to a token request, published by {@code requests} in the transaction that
 * made the change. {@code audit} records each one in that same transaction;
 * {@code notifications} (and later {@code delivery}) react after commit. Events carry ids
 * and facts, never a token value or its fingerprint. Reasons travel as codes with
 * arguments ({@link StatusReason}): the trail renders them in English, messages in their
 * reader's words.
 *
 * @author Token Portal team
 */
public sealed interface TokenRequestEvent {

	/**
	 * The request as it stands after the change.
	 * @return the snapshot
	 */
	RequestSnapshot request();

	/**
	 * Who made the change: a signed-in user, or the portal itself.
	 * @return the actor
	 */
	Actor actor();

	/**
	 * When it happened.
	 * @return the time
	 */
	Instant at();

	/**
	 * The facts about a request that every listener needs, taken after the change.
	 *
	 * @param id the request
	 * @param shortId the short id shown to people and carried in GitLab's token name
	 * @param requesterId the requester's GitLab user id
	 * @param requesterUsername the requester's GitLab username
	 * @param target the project or group
	 * @param tokenName the token's name as asked
	 * @param tier the policy's tier
	 * @param status the status after the change
	 * @param requiredApprovals the Owner approvals the tier needs
	 * @param gitlabTokenId GitLab's token id, once there is a token
	 * @param expiresOn the token's expiry date (as made, or as asked)
	 */
	record RequestSnapshot(UUID id, String shortId, long requesterId, String requesterUsername, GitLabTarget target,
			String tokenName, Tier tier, TokenRequestStatus status, int requiredApprovals, @Nullable Long gitlabTokenId,
			LocalDate expiresOn) {

		/**
		 * The request as it stands now.
		 * @param request the request
		 * @return its snapshot
		 */
		public static RequestSnapshot of(TokenRequest request) {
			return new RequestSnapshot(request.getId(), request.getShortId(), request.getRequesterId(),
					request.getRequesterUsername(), request.target(), request.getTokenName(), request.getTier(),
					request.getStatus(), request.getRequiredApprovals(), request.getGitlabTokenId(),
					request.tokenExpiresOn());
		}

	}

	/**
	 * Who acted.
	 *
	 * @param gitlabUserId the GitLab user, {@code null} for the portal itself
	 * @param username the username, {@code system} for the portal itself
	 */
	record Actor(@Nullable Long gitlabUserId, String username) {

		/** The portal's own jobs (lapsing, expiry, reconciliation). */
		public static final Actor SYSTEM = new Actor(null, "system");

		/**
		 * A signed-in user.
		 * @param user the user
		 * @return the actor
		 */
		public static Actor of(CurrentUser user) {
			return new Actor(user.gitlabUserId(), user.username());
		}

	}

	/**
	 * A request was submitted and the policy decided it; {@code request().status()} is
	 * {@code APPROVED} when it needs no Owner.
	 *
	 * @param destination the CI/CD variable the token is to go to (where, never a value),
	 * or {@code null} when it is shown once
	 * @param autoRotate whether the portal may rotate it before expiry without asking
	 */
	record RequestSubmitted(RequestSnapshot request, Actor actor, Instant at, List<String> scopes, int accessLevel,
			@Nullable Integer requesterAccessLevel, String policyRule, StatusReason policyReason, long policyVersion,
			@Nullable UUID renewalOf, @Nullable VariableDestination destination,
			boolean autoRotate) implements TokenRequestEvent {

		/**
		 * A submission whose token is shown once.
		 */
		public RequestSubmitted(RequestSnapshot request, Actor actor, Instant at, List<String> scopes, int accessLevel,
				@Nullable Integer requesterAccessLevel, String policyRule, StatusReason policyReason,
				long policyVersion, @Nullable UUID renewalOf) {
			this(request, actor, at, scopes, accessLevel, requesterAccessLevel, policyRule, policyReason, policyVersion,
					renewalOf, null, false);
		}

	}

	/**
	 * One Owner approved; {@code given} of {@code request().requiredApprovals()} so far.
	 * When that is enough, {@link RequestApproved} follows in the same transaction.
	 */
	record ApprovalGiven(RequestSnapshot request, Actor actor, Instant at, int approverAccessLevel, long given,
			@Nullable String comment) implements TokenRequestEvent {
	}

	/**
	 * Enough Owners approved: the requester may create the token.
	 *
	 * @param comments what the approving Owners said, oldest first; empty when none did
	 * (and for events stored before comments existed)
	 */
	record RequestApproved(RequestSnapshot request, Actor actor, Instant at,
			List<OwnerComment> comments) implements TokenRequestEvent {

		public RequestApproved {
			comments = (comments != null) ? List.copyOf(comments) : List.of();
		}

		/**
		 * An approval without comments.
		 */
		public RequestApproved(RequestSnapshot request, Actor actor, Instant at) {
			this(request, actor, at, List.of());
		}

	}

	/**
	 * An Owner's comment on their approval: plain words, checked never to hold a token.
	 *
	 * @param approver the Owner's username
	 * @param comment what they said
	 */
	record OwnerComment(String approver, String comment) {
	}

	/**
	 * An Owner rejected the request, with their reason.
	 *
	 * @param reason the Owner's reason
	 * @param approverAccessLevel the Owner's level on the target
	 * @param approvalsGiven the approvals given before the rejection
	 */
	record RequestRejected(RequestSnapshot request, Actor actor, Instant at, String reason, int approverAccessLevel,
			long approvalsGiven) implements TokenRequestEvent {
	}

	/** The requester withdrew the request before a token existed. */
	record RequestCancelled(RequestSnapshot request, Actor actor, Instant at) implements TokenRequestEvent {
	}

	/**
	 * The request waited too long (pending or approved) and can no longer be used.
	 *
	 * @param previousStatus {@code PENDING_APPROVAL} or {@code APPROVED}
	 * @param reason what lapsed, a code its readers resolve
	 * @param refusedAction the action the lapse refused, {@code null} for the job
	 */
	record RequestLapsed(RequestSnapshot request, Actor actor, Instant at, TokenRequestStatus previousStatus,
			StatusReason reason, @Nullable String refusedAction) implements TokenRequestEvent {
	}

	/**
	 * A pending or approved request will lapse soon unless someone acts; published once
	 * per request and state by the reminder job.
	 */
	record RequestLapsing(RequestSnapshot request, Actor actor, Instant at,
			Instant lapsesAt) implements TokenRequestEvent {
	}

	/** GitLab made the token; its value went to the requester's page only. */
	record TokenIssued(RequestSnapshot request, Actor actor, Instant at) implements TokenRequestEvent {
	}

	/**
	 * GitLab refused the create; {@code pressAgain} when the requester may try again
	 * ({@code request().status()} is then {@code APPROVED}, otherwise {@code FAILED}).
	 *
	 * @param reason the refusal, a code its readers resolve
	 * @param pressAgain whether pressing again may work
	 * @param awaitingChange whether it can only work after someone changes something
	 * @param gitlabStatus GitLab's HTTP status
	 * @param gitlabReason GitLab's own reason
	 */
	record TokenIssueRefused(RequestSnapshot request, Actor actor, Instant at, StatusReason reason, boolean pressAgain,
			boolean awaitingChange, int gitlabStatus, String gitlabReason) implements TokenRequestEvent {
	}

	/** GitLab's answer to the create was lost; reconciliation will find out. */
	record TokenIssueUnknown(RequestSnapshot request, Actor actor, Instant at,
			StatusReason reason) implements TokenRequestEvent {
	}

	/**
	 * The token was revoked (by its requester, an Owner, an admin, or the portal).
	 *
	 * @param reason who revoked it and why, a code its readers resolve
	 * @param alreadyGone whether GitLab no longer knew the token
	 */
	record TokenRevoked(RequestSnapshot request, Actor actor, Instant at, StatusReason reason,
			boolean alreadyGone) implements TokenRequestEvent {
	}

	/**
	 * The token was rotated: GitLab made a new one and revoked the old.
	 *
	 * @param previousGitlabTokenId the replaced token
	 * @param method {@code rotate} or {@code create+revoke}
	 */
	record TokenRotated(RequestSnapshot request, Actor actor, Instant at, long previousGitlabTokenId,
			String method) implements TokenRequestEvent {
	}

	/** The token reached its expiry date. */
	record TokenExpired(RequestSnapshot request, Actor actor, Instant at) implements TokenRequestEvent {
	}

	/**
	 * The token expires in {@code daysLeft} days; published once per request and reminder
	 * day, by the portal's own schedule or on GitLab's expiry webhook.
	 */
	record TokenExpiring(RequestSnapshot request, Actor actor, Instant at, int daysLeft,
			boolean fromGitLab) implements TokenRequestEvent {
	}

	/**
	 * The requester pressed Create token: the request is claimed ({@code ISSUING}) before
	 * GitLab is called.
	 *
	 * @param gitlabName the name the token gets in GitLab
	 * @param scopes the scopes asked of GitLab
	 * @param accessLevel the access level asked of GitLab
	 */
	record IssuanceStarted(RequestSnapshot request, Actor actor, Instant at, String gitlabName, List<String> scopes,
			int accessLevel) implements TokenRequestEvent {
	}

	/**
	 * The requester's hourly allowance refused a create that had just claimed the
	 * request: back to {@code APPROVED}, nothing was sent to GitLab.
	 */
	record IssueClaimWithdrawn(RequestSnapshot request, Actor actor, Instant at,
			StatusReason reason) implements TokenRequestEvent {
	}

	/**
	 * GitLab made a token the portal could not record, so the portal revoked it at once;
	 * the request is {@code APPROVED} again.
	 *
	 * @param revokedGitlabTokenId the token GitLab made and the portal revoked
	 * @param reason what went wrong
	 */
	record TokenNotRecorded(RequestSnapshot request, Actor actor, Instant at, long revokedGitlabTokenId,
			String reason) implements TokenRequestEvent {
	}

	/**
	 * Reconciliation settled a create whose outcome was unknown: whatever GitLab made was
	 * revoked, the request is {@code APPROVED} again.
	 *
	 * @param previousStatus {@code ISSUE_UNKNOWN} or {@code ISSUING}
	 * @param revokedTokens how many tokens reconciliation revoked
	 */
	record IssueReconciled(RequestSnapshot request, Actor actor, Instant at, TokenRequestStatus previousStatus,
			int revokedTokens) implements TokenRequestEvent {
	}

	/**
	 * The requester never received the value: the token was revoked and the request is
	 * {@code APPROVED} again.
	 *
	 * @param revokedGitlabTokenId the revoked token
	 * @param alreadyGone whether GitLab no longer knew the token
	 */
	record TokenNotReceived(RequestSnapshot request, Actor actor, Instant at, long revokedGitlabTokenId,
			boolean alreadyGone) implements TokenRequestEvent {
	}

	/**
	 * The requester chose, at Create token, the CI/CD variable the token goes to.
	 *
	 * @param owner the project or group holding the variable
	 * @param key the variable's key
	 * @param environmentScope its environment scope
	 */
	record DestinationChosen(RequestSnapshot request, Actor actor, Instant at, GitLabTarget owner, String key,
			String environmentScope) implements TokenRequestEvent {
	}

	/**
	 * GitLab made the token, its CI/CD variable could not be written, so the portal
	 * revoked the token; the request is {@code APPROVED} again.
	 *
	 * @param revokedGitlabTokenId the token GitLab made and the portal revoked
	 * @param reason why, a code its readers resolve
	 * @param gitlabStatus GitLab's status, {@code 0} when it did not answer
	 * @param gitlabReason GitLab's own words
	 */
	record TokenNotDelivered(RequestSnapshot request, Actor actor, Instant at, long revokedGitlabTokenId,
			StatusReason reason, int gitlabStatus, String gitlabReason) implements TokenRequestEvent {
	}

	// What the trail keeps beyond the contract's records. Each is published just before
	// the record it details, in the same transaction; the trail records the details, the
	// other listeners the record.

}
