package dev.tokenportal.requests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Says, a while before ({@code portal.notifications.lapse-reminder-before}, a day by
 * default), that a pending or approved request will lapse unless someone acts: publishes
 * {@link TokenRequestEvent.RequestLapsing} once per request and state, for
 * {@code notifications} to tell the people who can act. One instance runs it at a time
 * (ShedLock); each reminder is published in its own transaction with the row that says it
 * was sent.
 *
 * @author Token Portal team
 */
@Component
@EnableConfigurationProperties(LapseReminderProperties.class)
public class LapseReminderJob {

	private static final Logger logger = LoggerFactory.getLogger(LapseReminderJob.class);

	private final LapseReminders reminders;

	private final TransactionTemplate transactions;

	private final Duration before;

	private final Clock clock;

	LapseReminderJob(LapseReminders reminders, PlatformTransactionManager transactionManager,
			LapseReminderProperties properties, Clock clock) {
		this.reminders = reminders;
		this.transactions = new TransactionTemplate(transactionManager);
		this.before = properties.lapseReminderBefore();
		this.clock = clock;
	}

	/**
	 * Reminds of every request that lapses soon. Returns nothing: ShedLock cannot lock a
	 * method whose result it would have to make up when another instance holds the lock.
	 */
	@Scheduled(fixedDelayString = "${portal.notifications.lapse-reminder-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "request-lapse-reminder", lockAtMostFor = "PT10M")
	public void remindLapsing() {
		remindLapsing(this.clock.instant());
	}

	int remindLapsing(Instant now) {
		int reminded = 0;
		for (UUID id : this.reminders.due(now, this.before)) {
			reminded += remind(id, now) ? 1 : 0;
		}
		if (reminded > 0) {
			logger.info("Reminded of {} token requests that lapse soon", reminded);
		}
		return reminded;
	}

	private boolean remind(UUID id, Instant now) {
		try {
			return Boolean.TRUE
				.equals(this.transactions.execute((status) -> this.reminders.remind(id, now, this.before)));
		}
		catch (RuntimeException ex) {
			// the next run tries again: nothing was recorded for this one
			logger.warn("Could not remind of token request {} lapsing: {}", id, ex.getMessage(), ex);
			return false;
		}
	}

}
