package dev.tokenportal.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user reached an audited limit and was refused. {@code audit} records it on its own,
 * whatever happens to the refused action's transaction.
 *
 * @param gitlabUserId the user
 * @param username their username
 * @param at when
 * @param requestId the token request the refused action was on, if any
 * @param limit the limit
 * @param capacity how many the limit allows per period
 * @param period the limit's period
 * @param retryAfter how long until one more is allowed
 * @author Token Portal team
 */
public record LimitExceeded(long gitlabUserId, String username, Instant at, @Nullable UUID requestId, UserLimit limit,
		int capacity, Duration period, Duration retryAfter) {
}
