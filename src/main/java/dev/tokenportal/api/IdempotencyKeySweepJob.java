package dev.tokenportal.api;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes idempotency keys older than {@code portal.api.idempotency-retention}, so the
 * table holds only the last day's calls even for keys nobody sends again (a claim removes
 * an old key only when the same key comes back). One instance runs it at a time
 * (ShedLock); it deletes in batches on the {@code created_at} index, so no transaction
 * holds many rows.
 *
 * @author Token Portal team
 */
@Component
@EnableConfigurationProperties(ApiProperties.class)
class IdempotencyKeySweepJob {

	private static final Logger logger = LoggerFactory.getLogger(IdempotencyKeySweepJob.class);

	static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final ApiProperties properties;

	private final Clock clock;

	IdempotencyKeySweepJob(JdbcClient jdbc, ApiProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Sweeps now. Returns nothing: ShedLock cannot lock a method whose result it would
	 * have to make up when another instance holds the lock.
	 */
	@Scheduled(fixedDelayString = "${portal.api.idempotency-sweep-interval:1h}", initialDelayString = "PT5M")
	@SchedulerLock(name = "api-idempotency-sweep", lockAtMostFor = "PT10M")
	void sweep() {
		sweep(this.clock.instant());
	}

	int sweep(Instant now) {
		Timestamp before = Timestamp.from(now.minus(this.properties.idempotencyRetention()));
		int removed = 0;
		int batch;
		do {
			batch = this.jdbc
				.sql("DELETE FROM api_idempotency_key WHERE ctid IN (SELECT ctid FROM api_idempotency_key "
						+ "WHERE created_at < ? LIMIT ?)")
				.params(before, BATCH)
				.update();
			removed += batch;
		}
		while (batch == BATCH);
		if (removed > 0) {
			logger.debug("Removed {} idempotency keys older than {}", removed, this.properties.idempotencyRetention());
		}
		return removed;
	}

}
