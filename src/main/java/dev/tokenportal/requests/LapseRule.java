package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a request that waits too long lapses: pending ones a while after submission,
 * approved ones without a token a while after their lapse clock last started (see
 * {@link TokenRequest#getApprovalClockFrom()}). The one rule the lapse job and every
 * action on a request apply.
 *
 * @param pendingLapseAfter how long a request may wait for Owners
 * @param approvedLapseAfter how long an approved request may wait for its token
 * @author Token Portal team
 */
public record LapseRule(Duration pendingLapseAfter, Duration approvedLapseAfter) {

	/** Code prefix of a pending request's lapse; {@code .day(s)} or {@code .hour(s)}. */
	static final String LAPSED_PENDING = "requests.reason.lapsed.pending";

	/**
	 * Code prefix of an approved request's lapse; {@code .day(s)} or {@code .hour(s)}.
	 */
	static final String LAPSED_APPROVED = "requests.reason.lapsed.approved";

	/**
	 * Why the request has lapsed by now, or {@code null} while it has not (or cannot).
	 * @param request the request
	 * @param now the moment of the check
	 * @return the reason as a code with the waiting time, or {@code null}
	 */
	public @Nullable StatusReason overdue(TokenRequest request, Instant now) {
		Instant lapsesAt = lapsesAt(request);
		if (lapsesAt == null || !lapsesAt.isBefore(now)) {
			return null;
		}
		if (request.getStatus() == TokenRequestStatus.PENDING_APPROVAL) {
			return lapsed(LAPSED_PENDING, this.pendingLapseAfter);
		}
		return lapsed(LAPSED_APPROVED, this.approvedLapseAfter);
	}

	/**
	 * The code names the unit (whole days, else hours) so the bundle can say "1 day" or
	 * "7 days" without the portal building words.
	 */
	private static StatusReason lapsed(String code, Duration after) {
		if (after.toHours() % 24 == 0 && after.toDays() > 0) {
			return StatusReason.of(code + ((after.toDays() == 1) ? ".day" : ".days"), after.toDays());
		}
		return StatusReason.of(code + ((after.toHours() == 1) ? ".hour" : ".hours"), after.toHours());
	}

	/**
	 * When the request lapses unless something happens first.
	 * @param request the request
	 * @return the moment, or {@code null} for a request in a state that never lapses
	 */
	public @Nullable Instant lapsesAt(TokenRequest request) {
		return switch (request.getStatus()) {
			case PENDING_APPROVAL -> request.getCreatedAt().plus(this.pendingLapseAfter);
			case APPROVED -> approvalClock(request).plus(this.approvedLapseAfter);
			default -> null;
		};
	}

	private static Instant approvalClock(TokenRequest request) {
		if (request.getApprovalClockFrom() != null) {
			return request.getApprovalClockFrom();
		}
		return (request.getApprovedAt() != null) ? request.getApprovedAt() : request.getUpdatedAt();
	}

}
