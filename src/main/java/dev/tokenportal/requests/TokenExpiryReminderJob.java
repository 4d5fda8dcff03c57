package dev.tokenportal.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal's own expiry reminders: every issued token whose expiry date is one of the
 * reminder days away ({@code portal.notifications.expiry-reminder-days}, 30, 7 and 1 by
 * default) gets one {@code TokenExpiring}, whether or not GitLab's webhook reaches the
 * portal. Runs every hour, so a restart or another instance holding the lock costs no
 * day; one instance runs it at a time (ShedLock), each reminder in its own transaction.
 *
 * @author Token Portal team
 */
@Component
@EnableConfigurationProperties(ExpiryReminderProperties.class)
public class TokenExpiryReminderJob {

	private static final Logger logger = LoggerFactory.getLogger(TokenExpiryReminderJob.class);

	private final JdbcClient jdbc;

	private final TokenExpiryReminders reminders;

	private final TransactionTemplate transactions;

	private final ExpiryReminderProperties properties;

	private final Clock clock;

	TokenExpiryReminderJob(JdbcClient jdbc, TokenExpiryReminders reminders,
			PlatformTransactionManager transactionManager, ExpiryReminderProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.reminders = reminders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Sends the reminders due today (UTC). Returns nothing: ShedLock cannot lock a method
	 * whose result it would have to make up when another instance holds the lock.
	 */
	@Scheduled(cron = "${portal.notifications.expiry-reminder-cron:0 20 * * * *}", zone = "UTC")
	@SchedulerLock(name = "token-expiry-reminders", lockAtMostFor = "PT30M")
	public void remindExpiring() {
		remindExpiring(this.clock.instant());
	}

	int remindExpiring(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		int sent = 0;
		for (Due due : due(today)) {
			int daysLeft = (int) ChronoUnit.DAYS.between(today, due.expiresOn());
			Boolean published = this.transactions.execute((status) -> this.reminders.remind(due.requestId(),
					due.gitlabTokenId(), daysLeft, Actor.SYSTEM, false, now));
			sent += Boolean.TRUE.equals(published) ? 1 : 0;
		}
		if (sent > 0) {
			logger.info("Sent {} token expiry reminder(s)", sent);
		}
		return sent;
	}

	private List<Due> due(LocalDate today) {
		List<LocalDate> days = this.properties.expiryReminderDays().stream().map(today::plusDays).toList();
		if (days.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, gitlab_token_id, coalesce(issued_expires_on, expires_on) as expires_on
				from token_request
				where status = 'ISSUED' and gitlab_token_id is not null
				  and coalesce(issued_expires_on, expires_on) in (:days)
				order by id""")
			.param("days", days)
			.query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getLong("gitlab_token_id"),
					rs.getObject("expires_on", LocalDate.class)))
			.list();
	}

	private record Due(UUID requestId, long gitlabTokenId, LocalDate expiresOn) {
	}

}
