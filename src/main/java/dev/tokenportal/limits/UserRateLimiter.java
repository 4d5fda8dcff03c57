package dev.tokenportal.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Holds each user to their rate limits with token buckets kept in PostgreSQL, so the
 * limits hold across instances. A bucket starts full and refills evenly over its period:
 * ten tokens an hour means one more every six minutes once the ten are used.
 *
 * @author Token Portal team
 */
@Service
public class UserRateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(UserRateLimiter.class);

	private final ProxyManager<String> buckets;

	private final LimitsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	UserRateLimiter(ProxyManager<String> buckets, LimitsProperties properties, ApplicationEventPublisher events,
			Clock clock) {
		this.buckets = buckets;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Takes one unit of the user's allowance, or refuses.
	 * @param limit the limit
	 * @param user who acts
	 * @throws RateLimitExceededException when the allowance is used up; refusals of
	 * audited limits are recorded
	 */
	public void acquire(UserLimit limit, CurrentUser user) {
		acquire(limit, user, null);
	}

	/**
	 * Takes one unit of the user's allowance for an action on a token request, or
	 * refuses.
	 * @param limit the limit
	 * @param user who acts
	 * @param requestId the request acted on, for the audit event of a refusal
	 * @throws RateLimitExceededException when the allowance is used up; refusals of
	 * audited limits are recorded
	 */
	public void acquire(UserLimit limit, CurrentUser user, @Nullable UUID requestId) {
		ConsumptionProbe probe = bucket(limit, user.gitlabUserId()).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw refused(limit, user, requestId, probe.getNanosToWaitForRefill());
		}
	}

	/**
	 * Refuses as {@link #acquire} does when the allowance is used up, but takes nothing:
	 * for an action that takes its unit only once it knows it will happen (a press that
	 * finds the token already being created takes none).
	 * @param limit the limit
	 * @param user who acts
	 * @param requestId the request acted on, for the audit event of a refusal
	 * @throws RateLimitExceededException when the allowance is used up
	 */
	public void requireAvailable(UserLimit limit, CurrentUser user, @Nullable UUID requestId) {
		EstimationProbe probe = bucket(limit, user.gitlabUserId()).estimateAbilityToConsume(1);
		if (!probe.canBeConsumed()) {
			throw refused(limit, user, requestId, probe.getNanosToWaitForRefill());
		}
	}

	/**
	 * Whether the user has any of the allowance left, taking nothing.
	 * @param limit the limit
	 * @param user who acts
	 * @return {@code true} while a unit is left
	 */
	public boolean hasAllowance(UserLimit limit, CurrentUser user) {
		return bucket(limit, user.gitlabUserId()).getAvailableTokens() > 0;
	}

	/**
	 * Takes one unit if one is left, quietly: for limits whose refusal is no event of its
	 * own.
	 * @param limit the limit
	 * @param user who acts
	 * @return {@code true} if a unit was taken
	 */
	public boolean tryTake(UserLimit limit, CurrentUser user) {
		return bucket(limit, user.gitlabUserId()).tryConsume(1);
	}

	private RateLimitExceededException refused(UserLimit limit, CurrentUser user, @Nullable UUID requestId,
			long nanosToWait) {
		int capacity = limit.capacity(this.properties);
		// whole seconds, rounded up, so that a client waiting Retry-After always succeeds
		Duration retryAfter = Duration.ofSeconds(Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L));
		logger.warn("User {} reached the limit of {} {} per {}", user.username(), capacity, limit.description(),
				limit.period());
		if (limit.audited()) {
			this.events.publishEvent(new LimitExceeded(user.gitlabUserId(), user.username(), this.clock.instant(),
					requestId, limit, capacity, limit.period(), retryAfter));
		}
		return new RateLimitExceededException(limit, capacity, retryAfter);
	}

	private BucketProxy bucket(UserLimit limit, long userId) {
		int capacity = limit.capacity(this.properties);
		// the capacity is part of the key: a changed setting starts fresh buckets instead
		// of
		// keeping the old configuration stored with each one
		return this.buckets.builder()
			.build(limit.bucketKey(userId) + ":" + capacity,
					() -> BucketConfiguration.builder()
						.addLimit((bandwidth) -> bandwidth.capacity(capacity).refillGreedy(capacity, limit.period()))
						.build());
	}

}
