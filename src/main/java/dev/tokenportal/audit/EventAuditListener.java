package dev.tokenportal.audit;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.approvals.ApprovalRefused;
import dev.tokenportal.delivery.AutoRotationEvent;
import dev.tokenportal.delivery.DeliveryEvent;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.issuance.StrayTokenEvent;
import dev.tokenportal.issuance.TokenActionRefused;
import dev.tokenportal.limits.LimitExceeded;
import dev.tokenportal.policy.PolicyChanged;
import dev.tokenportal.requests.RequestAccessDenied;
import dev.tokenportal.requests.SubmitRefused;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import dev.tokenportal.requests.VariableDestination;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what the features publish. A change's event is recorded synchronously, in the
 * transaction that made the change ({@link AuditTrail#record} refuses to run without
 * one): if the row cannot be written, the exception rolls the change back (fail closed).
 * A refused attempt is recorded in a transaction of its own
 * ({@link AuditTrail#recordAlone}), so that it stays on record while the attempt rolls
 * back.
 *
 * @author Token Portal team
 */
@Component
class EventAuditListener {

	private final AuditTrail trail;

	private final TokenRequestService requests;

	private final RecordedTokens recorded;

	private final MessageSource messages;

	EventAuditListener(AuditTrail trail, TokenRequestService requests, RecordedTokens recorded,
			MessageSource messages) {
		this.trail = trail;
		this.requests = requests;
		this.recorded = recorded;
		this.messages = messages;
	}

	// Reminders (RequestLapsing, TokenExpiring) are no change of record. RequestApproved
	// follows an ApprovalGiven, which is recorded.

	@EventListener
	void on(TokenRequestEvent.RequestSubmitted e) {
		RequestSnapshot r = e.request();
		VariableDestination d = e.destination();
		this.trail.record(entry(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, e.actor(), r)
			.detail("scopes", String.join(" ", e.scopes()))
			.detail("accessLevel", e.accessLevel())
			.detail("expiresOn", r.expiresOn().toString())
			.detail("renewalOf", Objects.toString(e.renewalOf(), null))
			// where the token is to go, never a value
			.detail("destination",
					(d != null) ? d.owner().resource().name().toLowerCase() + ":" + d.owner().id() + " "
							+ d.owner().fullPath() : null)
			.detail("variableKey", (d != null) ? d.key() : null)
			.detail("environmentScope", (d != null) ? d.environmentScope() : null)
			.detail("protected", (d != null) ? String.valueOf(d.protectedOnly()) : null)
			.detail("maskedAndHidden", (d != null) ? String.valueOf(d.maskedAndHidden()) : null)
			.detail("autoRotate", (d != null) ? String.valueOf(e.autoRotate()) : null)
			.build());
		this.trail.record(
				entry(AuditAction.POLICY_DECIDED, AuditOutcome.SUCCESS, Actor.SYSTEM, r).detail("tier", r.tier().name())
					.detail("rule", e.policyRule())
					.detail("reason", english(e.policyReason()))
					.detail("reasonCode", code(e.policyReason()))
					.detail("policyVersion", e.policyVersion())
					.detail("status", r.status().name())
					.build());
	}

	@EventListener
	void on(TokenRequestEvent.ApprovalGiven e) {
		this.trail.record(entry(AuditAction.REQUEST_APPROVED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("approvals", e.given() + " of " + e.request().requiredApprovals())
			.detail("approverAccessLevel", e.approverAccessLevel())
			.detail("status", e.request().status().name())
			// the Owner's words, checked never to hold a token
			.detail("comment", e.comment())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.RequestRejected e) {
		this.trail.record(entry(AuditAction.REQUEST_REJECTED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("approvals", e.approvalsGiven() + " of " + e.request().requiredApprovals())
			.detail("approverAccessLevel", e.approverAccessLevel())
			.detail("status", e.request().status().name())
			.detail("reason", e.reason())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.RequestCancelled e) {
		this.trail.record(entry(AuditAction.REQUEST_CANCELLED, AuditOutcome.SUCCESS, e.actor(), e.request()).build());
	}

	@EventListener
	void on(TokenRequestEvent.RequestLapsed e) {
		this.trail.record(entry(AuditAction.REQUEST_LAPSED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("previousStatus", e.previousStatus().name())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("refusedAction", e.refusedAction())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.IssuanceStarted e) {
		this.trail.record(entry(AuditAction.ISSUANCE_STARTED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("gitlabName", e.gitlabName())
			.detail("scopes", String.join(" ", e.scopes()))
			.detail("accessLevel", e.accessLevel())
			.detail("expiresOn", e.request().expiresOn().toString())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.IssueClaimWithdrawn e) {
		this.trail.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.DENIED, e.actor(), e.request())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("status", e.request().status().name())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssued e) {
		// the fingerprint stays out of events: read from the request, in this
		// transaction
		TokenRequest request = this.requests.get(e.request().id());
		this.trail.record(entry(AuditAction.ISSUANCE_SUCCEEDED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.fingerprint(request.getTokenFingerprint())
			.detail("gitlabName", request.getGitlabTokenName())
			.detail("scopes", String.join(" ", request.getIssuedScopes()))
			.detail("accessLevel", request.getIssuedAccessLevel())
			.detail("expiresOn", Objects.toString(request.getIssuedExpiresOn(), null))
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssueRefused e) {
		this.trail.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.FAILURE, e.actor(), e.request())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("gitlabStatus", e.gitlabStatus())
			.detail("gitlabReason", e.gitlabReason())
			.detail("pressAgain", e.pressAgain())
			.detail("awaitingChange", e.awaitingChange())
			.detail("status", e.request().status().name())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssueUnknown e) {
		this.trail.record(entry(AuditAction.ISSUANCE_UNKNOWN, AuditOutcome.UNKNOWN, e.actor(), e.request())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenNotRecorded e) {
		this.trail.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.FAILURE, e.actor(), e.request())
			.gitlabToken(e.revokedGitlabTokenId())
			.detail("reason", e.reason())
			.detail("status", e.request().status().name())
			.build());
		this.trail.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.gitlabToken(e.revokedGitlabTokenId())
			.detail("reason", "not recorded by the portal")
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.IssueReconciled e) {
		this.trail.record(entry(AuditAction.RECONCILIATION_COMPLETED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("previousStatus", e.previousStatus().name())
			.detail("revokedTokens", e.revokedTokens())
			.detail("status", e.request().status().name())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenNotReceived e) {
		long tokenId = e.revokedGitlabTokenId();
		this.trail.record(
				entry(AuditAction.TOKEN_NOT_RECEIVED, AuditOutcome.SUCCESS, e.actor(), e.request()).gitlabToken(tokenId)
					.build());
		// the request no longer holds the token: its fingerprint is where the
		// trail recorded it
		this.trail
			.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, e.actor(), e.request()).gitlabToken(tokenId)
				.fingerprint(this.recorded.fingerprintOf(e.request().id(), tokenId))
				.detail("reason", "the requester did not receive the token")
				.detail("alreadyGone", e.alreadyGone())
				.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenRevoked e) {
		this.trail.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.fingerprint(fingerprintOf(e.request()))
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("alreadyGone", e.alreadyGone())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenRotated e) {
		TokenRequest request = this.requests.get(e.request().id());
		this.trail.record(entry(AuditAction.TOKEN_ROTATED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.fingerprint(request.getTokenFingerprint())
			.detail("previousTokenId", e.previousGitlabTokenId())
			.detail("method", e.method())
			.detail("expiresOn", Objects.toString(request.getIssuedExpiresOn(), null))
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenExpired e) {
		TokenRequest request = this.requests.get(e.request().id());
		this.trail.record(entry(AuditAction.TOKEN_EXPIRED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.fingerprint(request.getTokenFingerprint())
			.detail("expiresOn", Objects.toString(request.getIssuedExpiresOn(), null))
			.detail("status", e.request().status().name())
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.DestinationChosen e) {
		this.trail.record(entry(AuditAction.DELIVERY_DESTINATION_CHOSEN, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.build());
	}

	@EventListener
	void on(TokenRequestEvent.TokenNotDelivered e) {
		this.trail.record(entry(AuditAction.DELIVERY_FAILED, AuditOutcome.FAILURE, e.actor(), e.request())
			.gitlabToken(e.revokedGitlabTokenId())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("gitlabStatus", e.gitlabStatus())
			.detail("gitlabReason", e.gitlabReason())
			.detail("status", e.request().status().name())
			.build());
		// recorded as a token the portal made, so the inventory knows it as the portal's
		this.trail.record(entry(AuditAction.ISSUANCE_FAILED, AuditOutcome.FAILURE, e.actor(), e.request())
			.gitlabToken(e.revokedGitlabTokenId())
			.detail("reason", "not delivered to its CI/CD variable")
			.build());
		this.trail.record(entry(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.gitlabToken(e.revokedGitlabTokenId())
			.detail("reason", "not delivered to its CI/CD variable")
			.build());
	}

	@EventListener
	void on(DeliveryEvent.VariableWritten e) {
		this.trail.record(entry(AuditAction.DELIVERY_WRITTEN, AuditOutcome.SUCCESS, e.actor(), e.request())
			.gitlabToken(e.gitlabTokenId())
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.detail("method", e.method())
			.detail("protected", e.protectedOnly())
			.detail("masked", e.masked())
			.detail("hidden", e.hidden())
			.build());
	}

	@EventListener
	void on(DeliveryEvent.VariableRemoved e) {
		this.trail.record(entry(AuditAction.DELIVERY_REMOVED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.gitlabToken(e.gitlabTokenId())
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.detail("outcome", e.outcome())
			.build());
	}

	@EventListener
	void on(DeliveryEvent.VariableTakenBack e) {
		this.trail.recordAlone(entry(AuditAction.DELIVERY_TAKEN_BACK, AuditOutcome.SUCCESS, e.actor(), e.request())
			.gitlabToken(e.gitlabTokenId())
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.detail("removed", e.removed())
			.build());
	}

	@EventListener
	void on(AutoRotationEvent.Rotated e) {
		this.trail.record(entry(AuditAction.DELIVERY_AUTO_ROTATED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("previousTokenId", e.previousGitlabTokenId())
			.detail("renewalOf", Objects.toString(e.renewalOf(), null))
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.detail("expiresOn", e.expiresOn().toString())
			.build());
	}

	@EventListener
	void on(AutoRotationEvent.RenewalRequested e) {
		this.trail.record(entry(AuditAction.DELIVERY_RENEWAL_REQUESTED, AuditOutcome.SUCCESS, e.actor(), e.request())
			.detail("renewal", e.renewalId().toString())
			.build());
	}

	@EventListener
	void on(AutoRotationEvent.AttemptFailed e) {
		this.trail.record(entry(AuditAction.DELIVERY_ROTATION_FAILED, AuditOutcome.FAILURE, e.actor(), e.request())
			.detail("attempt", e.attempt())
			.detail("failure", e.failure())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("nextAttemptAt", e.nextAttemptAt().toString())
			.build());
	}

	@EventListener
	void on(AutoRotationEvent.Escalated e) {
		this.trail.record(entry(AuditAction.DELIVERY_ROTATION_ESCALATED, AuditOutcome.FAILURE, e.actor(), e.request())
			.detail("attempts", e.attempts())
			.detail("failure", e.failure())
			.detail("reason", english(e.reason()))
			.detail("reasonCode", code(e.reason()))
			.detail("destination", destination(e.owner(), e.key(), e.environmentScope()))
			.build());
	}

	private static String destination(GitLabTarget owner, String key, String environmentScope) {
		return owner.resource().name().toLowerCase() + " " + owner.fullPath() + " variable " + key + " scope "
				+ environmentScope;
	}

	@EventListener
	void on(PolicyChanged event) {
		this.trail.record(AuditEntry
			.of(AuditAction.POLICY_CHANGED, AuditOutcome.SUCCESS,
					new AuditActor(event.editor().gitlabUserId(), event.editor().username()))
			.detail("scope", event.scope())
			.detail("version", event.version())
			.detail("active", event.active())
			.detail("rules", event.rules())
			.detail("comment", event.comment())
			.build());
	}

	// Refused attempts: each rolls back, its record must not.

	@EventListener
	void on(SubmitRefused event) {
		AuditEntry.Builder entry = AuditEntry.of(AuditAction.REQUEST_SUBMITTED,
				event.gitLabFailed() ? AuditOutcome.FAILURE : AuditOutcome.DENIED, actor(event.actor()));
		if (event.target() != null) {
			entry.target(event.target().resource().name().toLowerCase(), event.target().id(),
					event.target().fullPath());
		}
		this.trail.recordAlone(entry.detail("target", event.askedTarget())
			.detail("rule", event.rule())
			.detail("reason", english(event.reason()))
			.detail("reasonCode", code(event.reason()))
			.detail("tier", (event.tier() != null) ? event.tier().name() : null)
			.detail("eligibleOwners", event.eligibleOwners())
			.detail("policyVersion", event.policyVersion())
			.build());
	}

	@EventListener
	void on(RequestAccessDenied event) {
		RequestSnapshot request = event.request();
		if (request != null) {
			this.trail.recordAlone(entry(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, event.actor(), request)
				.detail("action", event.action())
				.build());
		}
		else {
			// a refused view stays out of the request's own history
			this.trail.recordAlone(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor(event.actor()))
				.detail("resource", "token request")
				.detail("requestId", event.requestId().toString())
				.build());
		}
	}

	@EventListener
	void on(ApprovalRefused event) {
		this.trail.recordAlone(
				entry(AuditAction.APPROVAL_REFUSED, event.gitLabFailed() ? AuditOutcome.FAILURE : AuditOutcome.DENIED,
						event.actor(), event.request())
					.detail("decision", event.decision().name())
					.detail("reason", english(event.reason()))
					.detail("reasonCode", code(event.reason()))
					.build());
	}

	@EventListener
	void on(TokenActionRefused event) {
		AuditAction action = switch (event.attempt()) {
			case CREATE -> AuditAction.ISSUANCE_STARTED;
			case ROTATE -> AuditAction.TOKEN_ROTATED;
		};
		this.trail.recordAlone(entry(action, event.byGitLab() ? AuditOutcome.FAILURE : AuditOutcome.DENIED,
				event.actor(), event.request())
			.detail("check", event.check())
			.detail("reason", english(event.reason()))
			.detail("gitlabStatus", event.gitlabStatus())
			.detail("gitlabReason", event.gitlabReason())
			.build());
	}

	@EventListener
	void on(StrayTokenEvent.Found event) {
		this.trail.recordAlone(
				entry(AuditAction.RECONCILIATION_TOKEN_FOUND, AuditOutcome.SUCCESS, Actor.SYSTEM, event.request())
					.gitlabToken(event.gitlabTokenId())
					.detail("gitlabName", event.gitlabName())
					.build());
	}

	@EventListener
	void on(StrayTokenEvent.Revoked event) {
		this.trail.recordAlone(
				entry(AuditAction.RECONCILIATION_TOKEN_REVOKED, AuditOutcome.SUCCESS, Actor.SYSTEM, event.request())
					.gitlabToken(event.gitlabTokenId())
					.detail("gitlabName", event.gitlabName())
					.detail("alreadyGone", event.alreadyGone())
					.detail("reason", event.reason())
					.build());
	}

	@EventListener
	void on(LimitExceeded event) {
		this.trail.recordAlone(AuditEntry
			.of(AuditAction.LIMIT_EXCEEDED, AuditOutcome.DENIED,
					AuditActor.user(event.gitlabUserId(), event.username()))
			.request(event.requestId())
			.detail("limit", event.limit().name())
			.detail("capacity", event.capacity())
			.detail("period", event.period().toString())
			.detail("retryAfterSeconds", event.retryAfter().toSeconds())
			.build());
	}

	/**
	 * A reason given as a code, in the English words auditors search for, as
	 * {@code TokenRequests} renders the reasons of a request's events.
	 */
	private @Nullable String english(@Nullable MessageSourceResolvable reason) {
		if (reason == null) {
			return null;
		}
		try {
			return this.messages.getMessage(reason, Locale.ENGLISH);
		}
		catch (NoSuchMessageException ex) {
			// a code without words must not roll the change back: the trail keeps the
			// code
			return code(reason);
		}
	}

	private static @Nullable String code(@Nullable MessageSourceResolvable reason) {
		String[] codes = (reason != null) ? reason.getCodes() : null;
		return (codes != null && codes.length > 0) ? codes[0] : null;
	}

	private @Nullable String fingerprintOf(RequestSnapshot request) {
		return this.requests.get(request.id()).getTokenFingerprint();
	}

	/**
	 * An entry about a request, with its target, id and GitLab token filled in.
	 */
	private static AuditEntry.Builder entry(AuditAction action, AuditOutcome outcome, Actor actor,
			RequestSnapshot request) {
		return AuditEntry.of(action, outcome, actor(actor))
			.target(request.target().resource().name().toLowerCase(), request.target().id(),
					request.target().fullPath())
			.request(request.id())
			.gitlabToken(request.gitlabTokenId());
	}

	private static AuditActor actor(Actor actor) {
		return new AuditActor(actor.gitlabUserId(), actor.username());
	}

}
