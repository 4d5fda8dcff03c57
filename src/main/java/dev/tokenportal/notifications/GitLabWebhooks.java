package dev.tokenportal.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.ExpiringTokenHook;
import dev.tokenportal.requests.TokenExpiryReminders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handles GitLab's access token expiry webhook once per delivery: a portal token feeds
 * the expiry reminders ({@link TokenExpiryReminders}), a token made outside the portal
 * becomes {@link ForeignTokenExpiring}; either way {@link GitLabExpiryReported} is
 * audited in the same transaction.
 *
 * @author Token Portal team
 */
@Service
public class GitLabWebhooks {

	private final TokenExpiryReminders reminders;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GitLabWebhooks(TokenExpiryReminders reminders, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.reminders = reminders;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Handles one delivery.
	 * @param hook the event
	 * @param deliveryKey GitLab's {@code Idempotency-Key}, else its event UUID
	 * @param eventUuid GitLab's {@code X-Gitlab-Event-UUID}, shared by every hook the
	 * event triggered
	 * @return {@code false} when this delivery was handled before (nothing done now)
	 */
	@Transactional
	public boolean expiring(ExpiringTokenHook hook, String deliveryKey, @Nullable String eventUuid) {
		Instant now = this.clock.instant();
		boolean seenEvent = eventUuid != null
				&& this.jdbc.sql("select count(*) from gitlab_webhook_delivery where event_uuid = :uuid")
					.param("uuid", eventUuid)
					.query(Long.class)
					.single() > 0;
		if (!recordDelivery(deliveryKey, eventUuid, now)) {
			return false;
		}
		Optional<UUID> request = this.reminders.requestOf(hook.target(), hook.tokenId());
		boolean reminded = request.isPresent()
				&& this.reminders.reportedByGitLab(hook.target(), hook.tokenId(), hook.expiresAt());
		this.events.publishEvent(new GitLabExpiryReported(hook.target(), hook.tokenId(), hook.tokenName(),
				hook.expiresAt(), request.orElse(null), reminded, deliveryKey, now));
		// the project's and its groups' hooks share one event: its Owners hear of it once
		if (request.isEmpty() && !seenEvent) {
			this.events.publishEvent(
					new ForeignTokenExpiring(hook.target(), hook.tokenId(), hook.tokenName(), hook.expiresAt(), now));
		}
		return true;
	}

	/**
	 * Audits an authenticated delivery the portal could not use.
	 * @param reason why
	 * @param deliveryKey GitLab's delivery key, if any
	 */
	public void refused(String reason, @Nullable String deliveryKey) {
		this.events.publishEvent(new GitLabWebhookRefused(reason, deliveryKey, this.clock.instant()));
	}

	private boolean recordDelivery(String deliveryKey, @Nullable String eventUuid, Instant now) {
		// a concurrent duplicate waits here for the first to commit, then finds it
		return this.jdbc.sql("""
				insert into gitlab_webhook_delivery (delivery_key, event_uuid, event_name, received_at)
				values (:key, :uuid, :event, :now)
				on conflict (delivery_key) do nothing""")
			.param("key", deliveryKey)
			.param("uuid", eventUuid)
			.param("event", ExpiringTokenHook.EVENT_NAME)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

}
