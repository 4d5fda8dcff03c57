package dev.tokenportal.issuance;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.requests.IllegalTransitionException;
import dev.tokenportal.requests.RequestLapsedException;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.RequestLapses;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequests;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database side of issuance, one short transaction per step: each moves the request
 * through {@link TokenRequests}, which publishes the step's event (and {@code audit}
 * records it) in that transaction. GitLab is never called in here, so no transaction (and
 * no audit chain lock) is held while GitLab answers.
 *
 * @author Token Portal team
 */
@Component
class IssuanceSteps {

	private final TokenRequests transitions;

	private final TokenRequestService requests;

	private final RequestLapses lapses;

	private final Clock clock;

	private final VariableDelivery delivery;

	IssuanceSteps(TokenRequests transitions, TokenRequestService requests, RequestLapses lapses, Clock clock,
			VariableDelivery delivery) {
		this.transitions = transitions;
		this.requests = requests;
		this.lapses = lapses;
		this.clock = clock;
		this.delivery = delivery;
	}

	/**
	 * Step 1 of a create: claims the request ({@code APPROVED → ISSUING}) and commits, so
	 * that any other press finds it claimed before GitLab is called. A request found
	 * overdue lapses instead, and that is committed.
	 * @param id the request
	 * @param actor the requester
	 * @return the claimed request
	 * @throws RequestLapsedException when the request was overdue
	 * @throws IllegalTransitionException when it is not {@code APPROVED}
	 */
	@Transactional(noRollbackFor = RequestLapsedException.class)
	public TokenRequest startIssuing(UUID id, Actor actor) {
		// overdue before the job ran: the job's rule lapses it, GitLab hears nothing
		if (this.transitions.lapseIfOverdue(id, this.clock.instant(), "create by " + actor.username()) != null) {
			throw this.lapses.refusal(this.requests.get(id));
		}
		return this.transitions.startIssuing(id, actor);
	}

	/**
	 * The requester's hourly allowance refused the create that had just claimed the
	 * request ({@code ISSUING → APPROVED}); nothing was sent to GitLab.
	 * @param id the request
	 * @param actor the requester
	 * @param refusal the limit's refusal
	 */
	@Transactional
	public void claimWithdrawn(UUID id, Actor actor, RateLimitExceededException refusal) {
		// the wait is for the moment of the press, so the request keeps only the limit
		this.transitions.claimWithdrawn(id, actor,
				StatusReason.of("issuance.reason.tokenLimitReached", refusal.capacity()));
	}

	/**
	 * Step 3 of a create: records what GitLab made ({@code ISSUING → ISSUED}).
	 * @param id the request
	 * @param actor the requester
	 * @param token GitLab's answer, without the value
	 * @param fingerprint the keyed fingerprint of the value
	 * @return the issued request
	 */
	@Transactional
	public TokenRequest issued(UUID id, Actor actor, GitLabAccessToken token, String fingerprint) {
		return this.transitions.issued(id, actor, issuedToken(token), fingerprint);
	}

	/**
	 * Step 3 of a create whose token went into a CI/CD variable: records the token and
	 * the delivery together.
	 * @param id the request
	 * @param actor the requester
	 * @param token GitLab's answer, without the value
	 * @param fingerprint the keyed fingerprint of the value
	 * @param written what was written where, or {@code null} when the value is shown
	 * @return the issued request
	 */
	@Transactional
	public TokenRequest issued(UUID id, Actor actor, GitLabAccessToken token, String fingerprint,
			@Nullable WrittenVariable written) {
		TokenRequest issued = issued(id, actor, token, fingerprint);
		if (written != null) {
			this.delivery.recordWritten(issued, written, actor);
		}
		return issued;
	}

	/**
	 * The token could not be written into its CI/CD variable and was revoked:
	 * {@code ISSUING → APPROVED}.
	 * @param id the request
	 * @param actor the requester
	 * @param tokenId the revoked token
	 * @param why what the delivery said
	 */
	@Transactional
	public void notDelivered(UUID id, Actor actor, long tokenId, VariableNotWrittenException why) {
		this.transitions.notDelivered(id, actor, tokenId, why.reason(), why.awaitingChange(), why.gitlabStatus(),
				why.gitlabReason());
	}

	/**
	 * GitLab refused the create: back to {@code APPROVED} or on to {@code FAILED}.
	 * @param id the request
	 * @param actor the requester
	 * @param refusal why
	 */
	@Transactional
	public void refused(UUID id, Actor actor, GitLabRefusal refusal) {
		this.transitions.issueRefused(id, actor, new TokenRequests.IssueRefusal(refusal.reason(), refusal.pressAgain(),
				refusal.awaitingChange(), refusal.status(), refusal.gitlabReason()));
	}

	/**
	 * GitLab's answer to the create was lost: {@code ISSUING → ISSUE_UNKNOWN}.
	 * @param id the request
	 * @param actor the requester
	 * @param reason what happened, as the requester reads it
	 */
	@Transactional
	public void unknown(UUID id, Actor actor, StatusReason reason) {
		this.transitions.issueUnknown(id, actor, reason);
	}

	/**
	 * GitLab created a token the portal could not record, and the portal revoked it:
	 * {@code ISSUING → APPROVED}, so the requester may press again.
	 * @param id the request
	 * @param actor the requester
	 * @param tokenId the revoked token
	 * @param reason what went wrong
	 */
	@Transactional
	public void recordingFailed(UUID id, Actor actor, long tokenId, String reason) {
		this.transitions.notRecorded(id, actor, tokenId, StatusReason.of("issuance.reason.recordingFailed"), reason);
	}

	/**
	 * Reconciliation revoked whatever GitLab made for the request:
	 * {@code ISSUE_UNKNOWN | ISSUING → APPROVED}.
	 * @param id the request
	 * @param revoked how many tokens reconciliation revoked
	 * @return the request, or {@code null} when someone else reconciled it first
	 */
	@Transactional
	public @Nullable TokenRequest reconciled(UUID id, int revoked) {
		return this.transitions.reconciled(id, revoked, StatusReason
			.of((revoked > 0) ? "issuance.reason.reconciled.revoked" : "issuance.reason.reconciled.nothing"));
	}

	/**
	 * The requester never received the value; the token is revoked in GitLab:
	 * {@code ISSUED → APPROVED}.
	 * @param id the request
	 * @param actor the requester
	 * @param tokenId the revoked token
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @throws TokenActionConflictException when the request moved on meanwhile
	 */
	@Transactional
	public void notReceived(UUID id, Actor actor, long tokenId, boolean alreadyGone) {
		try {
			this.transitions.notReceived(id, actor, tokenId, alreadyGone);
		}
		catch (IllegalTransitionException ex) {
			throw new TokenActionConflictException(id, ex.current());
		}
	}

	/**
	 * The token was revoked in GitLab: {@code ISSUED → REVOKED}.
	 * @param id the request
	 * @param actor who revoked it
	 * @param tokenId the revoked token
	 * @param reason who revoked it and why
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @return the revoked request
	 * @throws TokenActionConflictException when the request moved on meanwhile
	 */
	@Transactional
	public TokenRequest revoked(UUID id, Actor actor, long tokenId, StatusReason reason, boolean alreadyGone) {
		try {
			return this.transitions.revoked(id, actor, tokenId, reason, alreadyGone);
		}
		catch (IllegalTransitionException ex) {
			throw new TokenActionConflictException(id, ex.current());
		}
	}

	/**
	 * The token was replaced by a new one (GitLab's rotate, or create and revoke).
	 * @param id the request
	 * @param actor the requester
	 * @param oldTokenId the token that was replaced
	 * @param token the new token, without its value
	 * @param fingerprint the new value's fingerprint
	 * @param method {@code rotate} or {@code create+revoke}
	 * @return the request with its new token
	 * @throws TokenActionConflictException when the request moved on meanwhile
	 */
	@Transactional
	public TokenRequest rotated(UUID id, Actor actor, long oldTokenId, GitLabAccessToken token, String fingerprint,
			String method) {
		try {
			return this.transitions.rotated(id, actor, oldTokenId, issuedToken(token), fingerprint, method);
		}
		catch (IllegalTransitionException ex) {
			throw new TokenActionConflictException(id, ex.current());
		}
	}

	/**
	 * The token was revoked in GitLab, and its CI/CD variable deleted or kept:
	 * {@code ISSUED → REVOKED}, with what became of the variable.
	 * @param id the request
	 * @param actor who revoked it
	 * @param tokenId the revoked token
	 * @param reason who revoked it and why
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @param removal what became of the variable, or {@code null} when there was none
	 * @return the revoked request
	 */
	@Transactional
	public TokenRequest revoked(UUID id, Actor actor, long tokenId, StatusReason reason, boolean alreadyGone,
			VariableDelivery.@Nullable VariableRemoval removal) {
		TokenRequest revoked = revoked(id, actor, tokenId, reason, alreadyGone);
		if (removal != null) {
			this.delivery.recordRemoval(revoked, tokenId, removal, actor);
		}
		return revoked;
	}

	/**
	 * A delivered token was replaced by a new one, written into the same variable.
	 * @param id the request
	 * @param actor who rotated
	 * @param oldTokenId the token that was replaced
	 * @param token the new token, without its value
	 * @param fingerprint the new value's fingerprint
	 * @param written the variable that now holds it
	 * @return the request with its new token
	 */
	@Transactional
	public TokenRequest rotated(UUID id, Actor actor, long oldTokenId, GitLabAccessToken token, String fingerprint,
			WrittenVariable written) {
		TokenRequest rotated = rotated(id, actor, oldTokenId, token, fingerprint, "create+deliver");
		this.delivery.recordWritten(rotated, written, actor);
		return rotated;
	}

	/**
	 * The token reached its expiry date: {@code ISSUED → EXPIRED}.
	 * @param id the request
	 * @return {@code true} if it expired now, {@code false} if it had moved on already
	 */
	@Transactional
	public boolean expired(UUID id) {
		return this.transitions.expired(id);
	}

	/**
	 * The token reached its expiry date: {@code ISSUED → EXPIRED}, with what became of
	 * the CI/CD variable it was in.
	 * @param id the request
	 * @param tokenId the expired token
	 * @param removal what became of the variable, or {@code null} when there was none
	 * @return {@code true} if it expired now, {@code false} if it had moved on already
	 */
	@Transactional
	public boolean expired(UUID id, long tokenId, VariableDelivery.@Nullable VariableRemoval removal) {
		boolean expired = this.transitions.expired(id);
		if (expired && removal != null) {
			this.delivery.recordRemoval(this.requests.get(id), tokenId, removal, Actor.SYSTEM);
		}
		return expired;
	}

	private static TokenRequest.IssuedToken issuedToken(GitLabAccessToken token) {
		return new TokenRequest.IssuedToken(token.id(), token.name(), token.scopes(), token.accessLevel(),
				token.expiresAt());
	}

}
