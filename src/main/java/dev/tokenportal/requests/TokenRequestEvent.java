package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.Tier;

/**
 * What happened to a token request, published by {@code requests} in the transaction that
 * made the change. {@code audit} records each one in that same transaction;
 * {@code notifications} (and later {@code delivery}) react after commit. Events carry ids
 * and facts, never a token value or its fingerprint.
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

		static RequestSnapshot of(TokenRequest request) {
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

	}

	/**
	 * A request was submitted and the policy decided it; {@code request().status()} is
	 * {@code APPROVED} when it needs no Owner.
	 */
	record RequestSubmitted(RequestSnapshot request, Actor actor, Instant at, List<String> scopes, int accessLevel,
			@Nullable Integer requesterAccessLevel, String policyRule, String policyReason, long policyVersion,
			@Nullable UUID renewalOf) implements TokenRequestEvent {
	}

	/**
	 * One Owner approved; {@code given} of {@code request().requiredApprovals()} so far.
	 * When that is enough, {@link RequestApproved} follows in the same transaction.
	 */
	record ApprovalGiven(RequestSnapshot request, Actor actor, Instant at, int approverAccessLevel,
			long given) implements TokenRequestEvent {
	}

	/** Enough Owners approved: the requester may create the token. */
	record RequestApproved(RequestSnapshot request, Actor actor, Instant at) implements TokenRequestEvent {
	}

	/** An Owner rejected the request, with their reason. */
	record RequestRejected(RequestSnapshot request, Actor actor, Instant at, String reason,
			int approverAccessLevel) implements TokenRequestEvent {
	}

	/** The requester withdrew the request before a token existed. */
	record RequestCancelled(RequestSnapshot request, Actor actor, Instant at) implements TokenRequestEvent {
	}

	/** The request waited too long (pending or approved) and can no longer be used. */
	record RequestLapsed(RequestSnapshot request, Actor actor, Instant at,
			@Nullable String reason) implements TokenRequestEvent {
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
	 */
	record TokenIssueRefused(RequestSnapshot request, Actor actor, Instant at, String reason,
			boolean pressAgain) implements TokenRequestEvent {
	}

	/** GitLab's answer to the create was lost; reconciliation will find out. */
	record TokenIssueUnknown(RequestSnapshot request, Actor actor, Instant at,
			String reason) implements TokenRequestEvent {
	}

	/** The token was revoked (by its requester, an Owner, an admin, or the portal). */
	record TokenRevoked(RequestSnapshot request, Actor actor, Instant at,
			@Nullable String reason) implements TokenRequestEvent {
	}

	/** The token was rotated: GitLab made a new one and revoked the old. */
	record TokenRotated(RequestSnapshot request, Actor actor, Instant at,
			long previousGitlabTokenId) implements TokenRequestEvent {
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

}
