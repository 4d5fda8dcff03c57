package dev.tokenportal.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes {@link TokenExpiring} once per request, GitLab token and number of days left,
 * whoever noticed first: the portal's own schedule ({@link TokenExpiryReminderJob}) or
 * GitLab's {@code expiring_access_token} webhook. The reminder row and the event go in
 * one transaction, so a reminder is recorded exactly when it was published.
 *
 * @author Token Portal team
 */
@Service
public class TokenExpiryReminders {

	/** GitLab as the one who told: its webhook, not a signed-in user. */
	static final Actor GITLAB = new Actor(null, "gitlab");

	private final TokenRequestRepository requests;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TokenExpiryReminders(TokenRequestRepository requests, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.requests = requests;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The portal request that made a GitLab token.
	 * @param target the project or group the token belongs to
	 * @param gitlabTokenId GitLab's token id
	 * @return the request, or empty for a token made outside the portal
	 */
	@Transactional(readOnly = true)
	public Optional<UUID> requestOf(GitLabTarget target, long gitlabTokenId) {
		return this.jdbc.sql("""
				select id from token_request
				where target_type = :type and target_id = :target and gitlab_token_id = :token
				order by created_at desc limit 1""")
			.param("type", target.resource().name())
			.param("target", target.id())
			.param("token", gitlabTokenId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * GitLab says a portal token expires soon: publishes {@code TokenExpiring} with
	 * {@code fromGitLab} unless the portal already reminded of that token with as many
	 * days left.
	 * @param target the project or group the token belongs to
	 * @param gitlabTokenId GitLab's token id
	 * @param expiresOn the expiry date GitLab gave
	 * @return {@code true} if a reminder was published now
	 */
	@Transactional
	public boolean reportedByGitLab(GitLabTarget target, long gitlabTokenId, LocalDate expiresOn) {
		Instant now = this.clock.instant();
		int daysLeft = (int) ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC), expiresOn);
		return requestOf(target, gitlabTokenId).map((id) -> remind(id, gitlabTokenId, daysLeft, GITLAB, true, now))
			.orElse(false);
	}

	/**
	 * Publishes one reminder, in the caller's transaction, if the request still holds
	 * that token and nobody reminded of it with as many days left.
	 * @return {@code true} if published
	 */
	@Transactional
	boolean remind(UUID requestId, long gitlabTokenId, int daysLeft, Actor actor, boolean fromGitLab, Instant now) {
		// on the locked row: a rotation or revocation in flight decides first
		TokenRequest request = this.requests.findForUpdateById(requestId).orElse(null);
		if (request == null || request.getStatus() != TokenRequestStatus.ISSUED || daysLeft < 0
				|| !Long.valueOf(gitlabTokenId).equals(request.getGitlabTokenId())) {
			return false;
		}
		if (request.getLifetimeHours() != null) {
			// a token of a few hours, asked for on purpose; GitLab's date is only a
			// backstop
			return false;
		}
		int recorded = this.jdbc.sql("""
				insert into token_expiry_reminder (request_id, gitlab_token_id, days, from_gitlab, sent_at)
				values (:request, :token, :days, :fromGitLab, :now)
				on conflict on constraint token_expiry_reminder_once do nothing""")
			.param("request", requestId)
			.param("token", gitlabTokenId)
			.param("days", daysLeft)
			.param("fromGitLab", fromGitLab)
			.param("now", Timestamp.from(now))
			.update();
		if (recorded == 0) {
			return false;
		}
		this.events.publishEvent(new TokenExpiring(RequestSnapshot.of(request), actor, now, daysLeft, fromGitLab));
		return true;
	}

}
