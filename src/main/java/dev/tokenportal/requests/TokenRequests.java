package dev.tokenportal.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request's transitions for the other modules (approvals, issuance): each method
 * locks the request until the caller's transaction ends, moves it, and publishes what
 * happened as a {@link TokenRequestEvent} in that transaction, where {@code audit}
 * records it (no event row, no change). What only the caller knows (an Owner's level,
 * GitLab's token, a reason) comes in as parameters. Reasons are stored as codes with
 * arguments ({@link StatusReason}), and the events carry them so: {@code audit} renders
 * them in English for the trail, notifications in their reader's words.
 *
 * @author Token Portal team
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class TokenRequests {

	private final TokenRequestRepository requests;

	private final RequestLapses lapses;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TokenRequests(TokenRequestRepository requests, RequestLapses lapses, ApplicationEventPublisher events,
			Clock clock) {
		this.requests = requests;
		this.lapses = lapses;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Lapses the request if it is overdue, on its locked row: the lapse job's way and the
	 * way of every approve, reject and create that finds it overdue before the job did.
	 * The row stays locked for the rest of the caller's transaction.
	 * @param id the request
	 * @param now the moment of the check
	 * @param refusedAction the action the lapse refuses, for the trail ({@code approve by
	 * bob}), or {@code null} for the job
	 * @return why it lapsed, or {@code null} if it was not overdue
	 */
	public @Nullable StatusReason lapseIfOverdue(UUID id, Instant now, @Nullable String refusedAction) {
		return this.lapses.lapseIfOverdue(lock(id), now, refusedAction);
	}

	/**
	 * An Owner approved ({@link TokenRequestEvent.ApprovalGiven}); when that makes
	 * enough, the request is {@code APPROVED}
	 * ({@link TokenRequestEvent.RequestApproved}).
	 * @param id the request, pending
	 * @param approver the Owner
	 * @param approverAccessLevel the Owner's level on the target, as GitLab said
	 * @param given the approvals given so far, this one included
	 * @param comment the Owner's comment on this approval, or {@code null}
	 * @param comments every approving Owner's comment so far, this one included, for the
	 * requester once it is approved
	 * @return the request
	 * @throws IllegalTransitionException when it is not pending
	 */
	public TokenRequest approvalGiven(UUID id, Actor approver, int approverAccessLevel, long given,
			@Nullable String comment, List<TokenRequestEvent.OwnerComment> comments) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		if (request.getStatus() != TokenRequestStatus.PENDING_APPROVAL) {
			throw new IllegalTransitionException("approve", request.getStatus());
		}
		boolean enough = given >= request.getRequiredApprovals();
		if (enough) {
			request.approve(now);
		}
		RequestSnapshot snapshot = save(request);
		this.events.publishEvent(
				new TokenRequestEvent.ApprovalGiven(snapshot, approver, now, approverAccessLevel, given, comment));
		if (enough) {
			this.events.publishEvent(new TokenRequestEvent.RequestApproved(snapshot, approver, now, comments));
		}
		return request;
	}

	/**
	 * An Owner rejected the request.
	 * @param id the request, pending
	 * @param approver the Owner
	 * @param reason the Owner's reason, shown to the requester
	 * @param approverAccessLevel the Owner's level on the target, as GitLab said
	 * @param approvalsGiven the approvals given before
	 * @return the rejected request
	 */
	public TokenRequest reject(UUID id, Actor approver, String reason, int approverAccessLevel, long approvalsGiven) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.reject(StatusReason.of(StatusReason.REJECTED, reason), now);
		RequestSnapshot snapshot = save(request);
		this.events.publishEvent(new TokenRequestEvent.RequestRejected(snapshot, approver, now, reason,
				approverAccessLevel, approvalsGiven));
		return request;
	}

	/**
	 * The requester pressed Create token: {@code APPROVED → ISSUING}.
	 * @param id the request
	 * @param requester the requester
	 * @return the claimed request
	 * @throws IllegalTransitionException when it is not {@code APPROVED}
	 */
	public TokenRequest startIssuing(UUID id, Actor requester) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.startIssuing(now);
		this.events.publishEvent(new TokenRequestEvent.IssuanceStarted(save(request), requester, now,
				request.gitlabName(), request.getScopes(), request.getAccessLevel()));
		return request;
	}

	/**
	 * The requester's hourly allowance refused the create that had just claimed the
	 * request: {@code ISSUING → APPROVED}.
	 * @param id the request
	 * @param requester the requester
	 * @param reason the limit's refusal
	 */
	public void claimWithdrawn(UUID id, Actor requester, StatusReason reason) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.claimWithdrawn(reason, now);
		this.events.publishEvent(new TokenRequestEvent.IssueClaimWithdrawn(save(request), requester, now, reason));
	}

	/**
	 * GitLab made the token: {@code ISSUING → ISSUED}.
	 * @param id the request
	 * @param requester the requester
	 * @param token what GitLab returned, without the value
	 * @param fingerprint the keyed fingerprint of the value (kept on the request, never
	 * in an event)
	 * @return the issued request
	 */
	public TokenRequest issued(UUID id, Actor requester, TokenRequest.IssuedToken token, String fingerprint) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.issued(token, fingerprint, now);
		this.events.publishEvent(new TokenRequestEvent.TokenIssued(save(request), requester, now));
		return request;
	}

	/**
	 * GitLab refused the create: back to {@code APPROVED} or on to {@code FAILED}.
	 * @param id the request
	 * @param requester the requester
	 * @param refusal what GitLab said
	 */
	public void issueRefused(UUID id, Actor requester, IssueRefusal refusal) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.issueRefused(refusal.reason(), refusal.pressAgain(), refusal.awaitingChange(), now);
		RequestSnapshot snapshot = save(request);
		this.events.publishEvent(new TokenRequestEvent.TokenIssueRefused(snapshot, requester, now, refusal.reason(),
				refusal.pressAgain(), refusal.awaitingChange(), refusal.gitlabStatus(), refusal.gitlabReason()));
	}

	/**
	 * GitLab's answer to the create was lost: {@code ISSUING → ISSUE_UNKNOWN}.
	 * @param id the request
	 * @param requester the requester
	 * @param reason what happened
	 */
	public void issueUnknown(UUID id, Actor requester, StatusReason reason) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.issueUnknown(reason, now);
		this.events.publishEvent(new TokenRequestEvent.TokenIssueUnknown(save(request), requester, now, reason));
	}

	/**
	 * GitLab made a token the portal could not record, and the portal revoked it:
	 * {@code ISSUING → APPROVED}.
	 * @param id the request
	 * @param requester the requester
	 * @param revokedTokenId the revoked token
	 * @param statusReason what the requester reads on the request
	 * @param reason what went wrong, for the trail
	 */
	public void notRecorded(UUID id, Actor requester, long revokedTokenId, StatusReason statusReason, String reason) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.reconciled(statusReason, now);
		this.events.publishEvent(
				new TokenRequestEvent.TokenNotRecorded(save(request), requester, now, revokedTokenId, reason));
	}

	/**
	 * The requester chose, at Create token, the CI/CD variable the token goes to; the
	 * request stays {@code APPROVED}.
	 * @param id the request, approved and without a destination
	 * @param requester the requester
	 * @param destination where the token goes
	 * @return the request
	 */
	public TokenRequest destinationChosen(UUID id, Actor requester, VariableDestination destination) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.destinationChosen(destination, now);
		this.events.publishEvent(new TokenRequestEvent.DestinationChosen(save(request), requester, now,
				destination.owner(), destination.key(), destination.environmentScope()));
		return request;
	}

	/**
	 * GitLab made the token but its CI/CD variable could not be written, and the portal
	 * revoked the token: {@code ISSUING → APPROVED}.
	 * @param id the request
	 * @param requester the requester
	 * @param revokedTokenId the revoked token
	 * @param reason why, shown to the requester
	 * @param awaitingChange whether pressing again can only work once someone changed
	 * what the reason names
	 * @param gitlabStatus GitLab's status, {@code 0} when it did not answer
	 * @param gitlabReason GitLab's own words, for the trail
	 */
	public void notDelivered(UUID id, Actor requester, long revokedTokenId, StatusReason reason, boolean awaitingChange,
			int gitlabStatus, String gitlabReason) {
		TokenRequest request = lock(id);
		Instant now = this.clock.instant();
		request.notDelivered(reason, awaitingChange, now);
		this.events.publishEvent(new TokenRequestEvent.TokenNotDelivered(save(request), requester, now, revokedTokenId,
				reason, gitlabStatus, gitlabReason));
	}

	/**
	 * Reconciliation revoked whatever GitLab made for the request:
	 * {@code ISSUE_UNKNOWN | ISSUING → APPROVED}.
	 * @param id the request
	 * @param revokedTokens how many tokens reconciliation revoked
	 * @param reason what the requester reads on the request
	 * @return the request, or {@code null} when it was settled already
	 */
	public @Nullable TokenRequest reconciled(UUID id, int revokedTokens, StatusReason reason) {
		TokenRequest request = lock(id);
		TokenRequestStatus previous = request.getStatus();
		if (previous != TokenRequestStatus.ISSUE_UNKNOWN && previous != TokenRequestStatus.ISSUING) {
			return null;
		}
		Instant now = this.clock.instant();
		request.reconciled(reason, now);
		this.events.publishEvent(
				new TokenRequestEvent.IssueReconciled(save(request), Actor.SYSTEM, now, previous, revokedTokens));
		return request;
	}

	/**
	 * The requester never received the value and the token is revoked in GitLab:
	 * {@code ISSUED → APPROVED}.
	 * @param id the request
	 * @param requester the requester
	 * @param tokenId the revoked token
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @throws IllegalTransitionException when the request is not issued with that token
	 */
	public void notReceived(UUID id, Actor requester, long tokenId, boolean alreadyGone) {
		TokenRequest request = lockIssued(id, tokenId, "report a missing token for");
		Instant now = this.clock.instant();
		request.notReceived(now);
		this.events
			.publishEvent(new TokenRequestEvent.TokenNotReceived(save(request), requester, now, tokenId, alreadyGone));
	}

	/**
	 * The token was revoked in GitLab: {@code ISSUED → REVOKED}.
	 * @param id the request
	 * @param actor who revoked it
	 * @param tokenId the revoked token
	 * @param why who revoked it and why
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @return the revoked request
	 * @throws IllegalTransitionException when the request is not issued with that token
	 */
	public TokenRequest revoked(UUID id, Actor actor, long tokenId, StatusReason why, boolean alreadyGone) {
		TokenRequest request = lockIssued(id, tokenId, "revoke");
		Instant now = this.clock.instant();
		request.revoked(why, now);
		RequestSnapshot snapshot = save(request);
		this.events.publishEvent(new TokenRequestEvent.TokenRevoked(snapshot, actor, now, why, alreadyGone));
		return request;
	}

	/**
	 * The token was replaced by a new one (GitLab's rotate, or create and revoke).
	 * @param id the request
	 * @param requester the requester
	 * @param oldTokenId the replaced token
	 * @param token the new token, without its value
	 * @param fingerprint the new value's fingerprint (kept on the request, never in an
	 * event)
	 * @param method {@code rotate} or {@code create+revoke}
	 * @return the request with its new token
	 * @throws IllegalTransitionException when the request is not issued with the old
	 * token
	 */
	public TokenRequest rotated(UUID id, Actor requester, long oldTokenId, TokenRequest.IssuedToken token,
			String fingerprint, String method) {
		TokenRequest request = lockIssued(id, oldTokenId, "rotate");
		Instant now = this.clock.instant();
		request.rotated(token, fingerprint, now);
		RequestSnapshot snapshot = save(request);
		this.events.publishEvent(new TokenRequestEvent.TokenRotated(snapshot, requester, now, oldTokenId, method));
		return request;
	}

	/**
	 * The token reached its expiry date: {@code ISSUED → EXPIRED}.
	 * @param id the request
	 * @return {@code true} if it expired now, {@code false} if it had moved on already
	 */
	public boolean expired(UUID id) {
		TokenRequest request = lock(id);
		if (request.getStatus() != TokenRequestStatus.ISSUED) {
			return false;
		}
		Instant now = this.clock.instant();
		request.expired(now);
		this.events.publishEvent(new TokenRequestEvent.TokenExpired(save(request), Actor.SYSTEM, now));
		return true;
	}

	private TokenRequest lock(UUID id) {
		return this.requests.findForUpdateById(id).orElseThrow(() -> new TokenRequestNotFoundException(id));
	}

	private TokenRequest lockIssued(UUID id, long tokenId, String action) {
		TokenRequest request = lock(id);
		if (request.getStatus() != TokenRequestStatus.ISSUED
				|| !Objects.equals(request.getGitlabTokenId(), Long.valueOf(tokenId))) {
			// another tab, an Owner or the job got there first
			throw new IllegalTransitionException(action, request.getStatus());
		}
		return request;
	}

	private RequestSnapshot save(TokenRequest request) {
		return RequestSnapshot.of(this.requests.save(request));
	}

	/**
	 * GitLab's refusal of a create.
	 *
	 * @param reason the refusal as a code, shown to the requester
	 * @param pressAgain whether pressing again may work
	 * @param awaitingChange whether it can only work after someone changes something
	 * @param gitlabStatus GitLab's HTTP status
	 * @param gitlabReason GitLab's own reason
	 */
	public record IssueRefusal(StatusReason reason, boolean pressAgain, boolean awaitingChange, int gitlabStatus,
			String gitlabReason) {
	}

}
