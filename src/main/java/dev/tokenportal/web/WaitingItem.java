package dev.tokenportal.web;

import java.time.Duration;
import java.time.Instant;

import dev.tokenportal.approvals.AwaitingDecision;

/**
 * A request waiting for the Owner's decision, for the top of their home page.
 *
 * @param request the request
 * @param ageDays whole days since it was submitted
 * @param ageHours whole hours since it was submitted
 * @author Token Portal team
 */
public record WaitingItem(AwaitingDecision request, long ageDays, long ageHours) {

	static WaitingItem of(AwaitingDecision request, Instant now) {
		Duration age = Duration.between(request.submittedAt(), now);
		if (age.isNegative()) {
			age = Duration.ZERO;
		}
		return new WaitingItem(request, age.toDays(), age.toHours());
	}

}
