package dev.tokenportal.requests;

import java.time.Clock;
import java.util.UUID;

import dev.tokenportal.limits.UserLimit;
import dev.tokenportal.limits.UserRateLimiter;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one answer to anyone who may not see a request, whatever they tried (view it,
 * approve, reject, cancel, create, rotate, revoke): 404, as if there were no such
 * request, and one {@code access.denied} event. Denials are throttled per user: beyond
 * {@code portal.limits.request-denials-per-user-per-hour} the answer is the same 404
 * without asking GitLab and without another audit row, so probing costs neither GitLab
 * calls nor a flood in the trail.
 *
 * @author Token Portal team
 */
@Component
public class RequestAccess {

	private final ApplicationEventPublisher events;

	private final UserRateLimiter limiter;

	private final Clock clock;

	RequestAccess(ApplicationEventPublisher events, UserRateLimiter limiter, Clock clock) {
		this.events = events;
		this.limiter = limiter;
		this.clock = clock;
	}

	/**
	 * Call before asking GitLab whether a user may see a request: a user who used up
	 * their denials is answered at once.
	 * @param user who asks
	 * @param requestId the request
	 * @throws TokenRequestNotFoundException when the user's denials are used up
	 */
	public void requireNotThrottled(CurrentUser user, UUID requestId) {
		if (!this.limiter.hasAllowance(UserLimit.REQUEST_DENIALS, user)) {
			throw new TokenRequestNotFoundException(requestId);
		}
	}

	/**
	 * Records that a user tried an action on a request they may not see (unless their
	 * denials are used up).
	 * @param user who tried
	 * @param request the request
	 * @param action what they tried, for the trail
	 * @return the 404 to throw
	 */
	public TokenRequestNotFoundException denied(CurrentUser user, TokenRequest request, String action) {
		if (this.limiter.tryTake(UserLimit.REQUEST_DENIALS, user)) {
			this.events.publishEvent(new RequestAccessDenied(Actor.of(user), this.clock.instant(), request.getId(),
					RequestSnapshot.of(request), action));
		}
		return new TokenRequestNotFoundException(request.getId());
	}

	/**
	 * Records that a user tried to open a request they may not see (unless their denials
	 * are used up). The event names the request only in its details, so that it stays out
	 * of the request's own history.
	 * @param user who tried
	 * @param requestId the request
	 * @return the 404 to throw
	 */
	TokenRequestNotFoundException viewDenied(CurrentUser user, UUID requestId) {
		if (this.limiter.tryTake(UserLimit.REQUEST_DENIALS, user)) {
			this.events
				.publishEvent(new RequestAccessDenied(Actor.of(user), this.clock.instant(), requestId, null, null));
		}
		return new TokenRequestNotFoundException(requestId);
	}

}
