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

	/**
	 * Why the request has lapsed by now, or {@code null} while it has not (or cannot).
	 * @param request the request
	 * @param now the moment of the check
	 * @return the reason in plain words, or {@code null}
	 */
	public @Nullable String overdue(TokenRequest request, Instant now) {
		Instant lapsesAt = lapsesAt(request);
		if (lapsesAt == null || !lapsesAt.isBefore(now)) {
			return null;
		}
		if (request.getStatus() == TokenRequestStatus.PENDING_APPROVAL) {
			return "No Owner decided within " + describe(this.pendingLapseAfter)
					+ "; submit a new request if you still need the token";
		}
		return "The token was not created within " + describe(this.approvedLapseAfter)
				+ " of the approval; submit a new request if you still need it";
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

	static String describe(Duration duration) {
		if (duration.toHours() % 24 == 0 && duration.toDays() > 0) {
			return (duration.toDays() == 1) ? "1 day" : duration.toDays() + " days";
		}
		return (duration.toHours() == 1) ? "1 hour" : duration.toHours() + " hours";
	}

}
