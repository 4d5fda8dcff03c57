package dev.tokenportal.requests;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Lapses an overdue request on its locked row, with its events, in the caller's
 * transaction: the lapse job's way and every approve, reject and create's way
 * ({@link TokenRequests#lapseIfOverdue}), so that an action taken before the job ran
 * finds the request lapsed just the same.
 *
 * @author Token Portal team
 */
@Component
public class RequestLapses {

	private final LapseRule rule;

	private final TokenRequestRepository requests;

	private final ApplicationEventPublisher events;

	RequestLapses(LapseRule rule, TokenRequestRepository requests, ApplicationEventPublisher events) {
		this.rule = rule;
		this.requests = requests;
		this.events = events;
	}

	/**
	 * Lapses the request if it is overdue.
	 * @param locked the request, locked in the caller's transaction
	 * @param now the moment of the check
	 * @param refusedAction the action the lapse refuses, for the trail, or {@code null}
	 * for the job
	 * @return why it lapsed, or {@code null} if it was not overdue
	 */
	@Nullable StatusReason lapseIfOverdue(TokenRequest locked, Instant now, @Nullable String refusedAction) {
		StatusReason why = this.rule.overdue(locked, now);
		if (why == null) {
			return null;
		}
		TokenRequestStatus before = locked.getStatus();
		locked.lapse(why, now);
		RequestSnapshot snapshot = RequestSnapshot.of(this.requests.save(locked));
		this.events
			.publishEvent(new TokenRequestEvent.RequestLapsed(snapshot, Actor.SYSTEM, now, before, why, refusedAction));
		return why;
	}

	/**
	 * The refusal for an action that found its request overdue, to throw once the lapse
	 * is committed.
	 * @param lapsed the lapsed request
	 * @return the exception
	 */
	public RequestLapsedException refusal(TokenRequest lapsed) {
		StatusReason reason = lapsed.getStatusReason();
		return new RequestLapsedException(lapsed.getId(),
				(reason != null) ? reason : StatusReason.of(RequestLapsedException.UNKNOWN_REASON));
	}

}
