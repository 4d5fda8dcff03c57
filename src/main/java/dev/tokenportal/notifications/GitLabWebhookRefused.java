package dev.tokenportal.notifications;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An authenticated GitLab webhook the portal could not use (not JSON, another event, a
 * field missing); audited. Unauthenticated calls are not: anyone can make those.
 *
 * @param reason why, in plain words
 * @param deliveryKey GitLab's {@code Idempotency-Key} (or event UUID), if any
 * @param at when it arrived
 * @author Token Portal team
 */
public record GitLabWebhookRefused(String reason, @Nullable String deliveryKey, Instant at) {
}
