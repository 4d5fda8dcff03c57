package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.audit.AuditActor;
import dev.tokenportal.audit.AuditEntry;
import dev.tokenportal.audit.AuditOutcome;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.requests.IllegalTransitionException;
import dev.tokenportal.requests.RequestLapsedException;
import dev.tokenportal.requests.RequestLapses;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import static dev.tokenportal.requests.TokenRequestService.entry;

/**
 * The database side of issuance, one short transaction per step: each locks the request,
 * moves it through one of its methods and writes the audit event with it. GitLab is never
 * called in here, so no transaction (and no audit chain lock) is held while GitLab
 * answers.
 *
 * @author Token Portal team
 */
@Component
class IssuanceSteps {

	private final TokenRequestService requests;

	private final AuditTrail audit;

	private final RequestLapses lapses;

	private final Clock clock;

	IssuanceSteps(TokenRequestService requests, AuditTrail audit, RequestLapses lapses, Clock clock) {
		this.requests = requests;
		this.audit = audit;
		this.lapses = lapses;
		this.clock = clock;
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
	public TokenRequest startIssuing(UUID id, AuditActor actor) {
		TokenRequest request = this.requests.lock(id);
		Instant now = this.clock.instant();
		// overdue before the job ran: the job's rule lapses it, GitLab hears nothing
		if (this.lapses.lapseIfOverdue(request, now, "create by " + actor.username()) != null) {
			throw this.lapses.refusal(request);
		}
		request.startIssuing(now);
		this.audit.record(entry(AuditAction.ISSUANCE_STARTED, AuditOutcome.SUCCESS, actor, request)
			.detail("gitlabName", request.gitlabName())
			.detail("scopes", String.join(" ", request.getScopes()))
			.detail("accessLevel", request.getAccessLevel())
			.detail("expiresOn", request.getExpiresOn().toString())
			.build());
		return request;
	}

	/**
	 * The requester's hourly allowance refused the create that had just claimed the
	 * request ({@code ISSUING → APPROVED}); nothing was sent to GitLab.
	 * @param id the request
	 * @param actor the requester
	 * @param reason the limit's refusal, in words
	 */
	@Transactional
	public void claimWithdrawn(UUID id, AuditActor actor, String reason) {
		TokenRequest request = this.requests.lock(id);
		request.claimWithdrawn(reason, this.clock.instant());
		this.audit
			.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.DENIED, actor, request).detail("reason", reason)
				.detail("status", request.getStatus().name())
				.build());
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
	public TokenRequest issued(UUID id, AuditActor actor, GitLabAccessToken token, String fingerprint) {
		TokenRequest request = this.requests.lock(id);
		request.issued(issuedToken(token), fingerprint, this.clock.instant());
		this.audit
			.record(entry(AuditAction.ISSUANCE_SUCCEEDED, AuditOutcome.SUCCESS, actor, request).fingerprint(fingerprint)
				.detail("gitlabName", token.name())
				.detail("scopes", String.join(" ", token.scopes()))
				.detail("accessLevel", token.accessLevel())
				.detail("expiresOn", Objects.toString(token.expiresAt(), null))
				.build());
		return request;
	}

	/**
	 * GitLab refused the create: back to {@code APPROVED} or on to {@code FAILED}.
	 * @param id the request
	 * @param actor the requester
	 * @param refusal why
	 */
	@Transactional
	public void refused(UUID id, AuditActor actor, GitLabRefusal refusal) {
		TokenRequest request = this.requests.lock(id);
		request.issueRefused(refusal.message(), refusal.pressAgain(), refusal.awaitingChange(), this.clock.instant());
		this.audit.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.FAILURE, actor, request)
			.detail("gitlabStatus", refusal.status())
			.detail("gitlabReason", refusal.gitlabReason())
			.detail("pressAgain", refusal.pressAgain())
			.detail("awaitingChange", refusal.awaitingChange())
			.detail("status", request.getStatus().name())
			.build());
	}

	/**
	 * GitLab's answer to the create was lost: {@code ISSUING → ISSUE_UNKNOWN}.
	 * @param id the request
	 * @param actor the requester
	 * @param reason what happened
	 */
	@Transactional
	public void unknown(UUID id, AuditActor actor, String reason) {
		TokenRequest request = this.requests.lock(id);
		request.issueUnknown(reason, this.clock.instant());
		this.audit
			.record(entry(AuditAction.ISSUANCE_UNKNOWN, AuditOutcome.UNKNOWN, actor, request).detail("reason", reason)
				.build());
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
	public void recordingFailed(UUID id, AuditActor actor, long tokenId, String reason) {
		TokenRequest request = this.requests.lock(id);
		request.reconciled("The portal could not record the token GitLab created, so it revoked it at once; "
				+ "nobody saw its value", this.clock.instant());
		this.audit.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.FAILURE, actor, request).gitlabToken(tokenId)
			.detail("reason", reason)
			.detail("status", request.getStatus().name())
			.build());
		this.audit.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, actor, request).gitlabToken(tokenId)
			.detail("reason", "not recorded by the portal")
			.build());
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
		TokenRequest request = this.requests.lock(id);
		if (request.getStatus() != TokenRequestStatus.ISSUE_UNKNOWN
				&& request.getStatus() != TokenRequestStatus.ISSUING) {
			return null;
		}
		String previous = request.getStatus().name();
		request.reconciled((revoked > 0)
				? "GitLab's answer was lost; the portal found the token it had created and revoked it (nobody saw its "
						+ "value). Press Create token again."
				: "GitLab's answer was lost; the portal checked and GitLab had created no token. Press Create token "
						+ "again.",
				this.clock.instant());
		this.audit.record(entry(AuditAction.RECONCILIATION_COMPLETED, AuditOutcome.SUCCESS, AuditActor.SYSTEM, request)
			.detail("previousStatus", previous)
			.detail("revokedTokens", revoked)
			.detail("status", request.getStatus().name())
			.build());
		return request;
	}

	/**
	 * The requester never received the value; the token is revoked in GitLab:
	 * {@code ISSUED → APPROVED}.
	 * @param id the request
	 * @param actor the requester
	 * @param tokenId the revoked token
	 * @param alreadyGone whether GitLab no longer knew the token
	 */
	@Transactional
	public void notReceived(UUID id, AuditActor actor, long tokenId, boolean alreadyGone) {
		TokenRequest request = lockIssued(id, tokenId);
		AuditEntry notReceived = entry(AuditAction.TOKEN_NOT_RECEIVED, AuditOutcome.SUCCESS, actor, request).build();
		AuditEntry revoked = entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, actor, request)
			.fingerprint(request.getTokenFingerprint())
			.detail("reason", "the requester did not receive the token")
			.detail("alreadyGone", alreadyGone)
			.build();
		request.notReceived(this.clock.instant());
		this.audit.record(notReceived);
		this.audit.record(revoked);
	}

	/**
	 * The token was revoked in GitLab: {@code ISSUED → REVOKED}.
	 * @param id the request
	 * @param actor who revoked it
	 * @param tokenId the revoked token
	 * @param reason who revoked it and why, in words
	 * @param alreadyGone whether GitLab no longer knew the token
	 * @return the revoked request
	 */
	@Transactional
	public TokenRequest revoked(UUID id, AuditActor actor, long tokenId, String reason, boolean alreadyGone) {
		TokenRequest request = lockIssued(id, tokenId);
		request.revoked(reason, this.clock.instant());
		this.audit.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, actor, request)
			.fingerprint(request.getTokenFingerprint())
			.detail("reason", reason)
			.detail("alreadyGone", alreadyGone)
			.build());
		return request;
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
	 */
	@Transactional
	public TokenRequest rotated(UUID id, AuditActor actor, long oldTokenId, GitLabAccessToken token, String fingerprint,
			String method) {
		TokenRequest request = lockIssued(id, oldTokenId);
		request.rotated(issuedToken(token), fingerprint, this.clock.instant());
		this.audit
			.record(entry(AuditAction.TOKEN_ROTATED, AuditOutcome.SUCCESS, actor, request).fingerprint(fingerprint)
				.detail("previousTokenId", oldTokenId)
				.detail("method", method)
				.detail("expiresOn", Objects.toString(token.expiresAt(), null))
				.build());
		return request;
	}

	/**
	 * The token reached its expiry date: {@code ISSUED → EXPIRED}. The trail has no
	 * action of its own for this; it is recorded as the reconciliation of the portal's
	 * records with GitLab's expiry.
	 * @param id the request
	 * @return {@code true} if it expired now, {@code false} if it had moved on already
	 */
	@Transactional
	public boolean expired(UUID id) {
		TokenRequest request = this.requests.lock(id);
		if (request.getStatus() != TokenRequestStatus.ISSUED) {
			return false;
		}
		request.expired(this.clock.instant());
		this.audit.record(entry(AuditAction.TOKEN_EXPIRED, AuditOutcome.SUCCESS, AuditActor.SYSTEM, request)
			.fingerprint(request.getTokenFingerprint())
			.detail("expiresOn", Objects.toString(request.getIssuedExpiresOn(), null))
			.detail("status", request.getStatus().name())
			.build());
		return true;
	}

	private TokenRequest lockIssued(UUID id, long tokenId) {
		TokenRequest request = this.requests.lock(id);
		if (request.getStatus() != TokenRequestStatus.ISSUED
				|| !Objects.equals(request.getGitlabTokenId(), Long.valueOf(tokenId))) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		return request;
	}

	private static TokenRequest.IssuedToken issuedToken(GitLabAccessToken token) {
		return new TokenRequest.IssuedToken(token.id(), token.name(), token.scopes(), token.accessLevel(),
				token.expiresAt());
	}

}
