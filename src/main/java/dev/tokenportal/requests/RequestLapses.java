package dev.tokenportal.requests;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.audit.AuditActor;
import dev.tokenportal.audit.AuditOutcome;
import dev.tokenportal.audit.AuditTrail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lapses an overdue request on its locked row, with its audit event, in the caller's
 * transaction: the lapse job's way and every approve, reject and create's way, so that an
 * action taken before the job ran finds the request lapsed just the same.
 *
 * @author Token Portal team
 */
@Component
public class RequestLapses {

	private final LapseRule rule;

	private final TokenRequestService requests;

	private final AuditTrail audit;

	RequestLapses(LapseRule rule, TokenRequestService requests, AuditTrail audit) {
		this.rule = rule;
		this.requests = requests;
		this.audit = audit;
	}

	/**
	 * Lapses the request if it is overdue.
	 * @param locked the request, locked in the caller's transaction
	 * @param now the moment of the check
	 * @param refusedAction the action the lapse refuses, for the trail, or {@code null}
	 * for the job
	 * @return why it lapsed, or {@code null} if it was not overdue
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public @Nullable String lapseIfOverdue(TokenRequest locked, Instant now, @Nullable String refusedAction) {
		String reason = this.rule.overdue(locked, now);
		if (reason == null) {
			return null;
		}
		TokenRequestStatus before = locked.getStatus();
		locked.lapse(reason, now);
		this.requests.save(locked);
		this.audit.record(
				TokenRequestService.entry(AuditAction.REQUEST_LAPSED, AuditOutcome.SUCCESS, AuditActor.SYSTEM, locked)
					.detail("previousStatus", before.name())
					.detail("reason", reason)
					.detail("refusedAction", refusedAction)
					.build());
		return reason;
	}

	/**
	 * The refusal for an action that found its request overdue, to throw once the lapse
	 * is committed.
	 * @param lapsed the lapsed request
	 * @return the exception
	 */
	public RequestLapsedException refusal(TokenRequest lapsed) {
		return new RequestLapsedException(lapsed.getId(), String.valueOf(lapsed.getStatusReason()));
	}

}
