package dev.tokenportal.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rate-limit buckets in PostgreSQL ({@code rate_limit_bucket}), one row per user and
 * limit, locked with {@code SELECT … FOR UPDATE} while a unit is taken.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	/** A full bucket is kept this long after its last write, then cleaned up. */
	static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(5);

	@Bean
	PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource, Clock clock) {
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("rate_limit_bucket")
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
			.clientClock(new ClockTimeMeter(clock))
			.build();
	}

	/** Bucket4j's clock, read from the portal's {@link Clock}. */
	record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			Instant now = this.clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

	/**
	 * Deletes buckets that have refilled completely, so the table holds only users who
	 * acted recently.
	 */
	@Component
	static class ExpiredBucketCleanupJob {

		private static final Logger logger = LoggerFactory.getLogger(ExpiredBucketCleanupJob.class);

		private static final int BATCH = 1000;

		private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

		ExpiredBucketCleanupJob(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
			this.buckets = buckets;
		}

		@Scheduled(fixedDelayString = "${portal.limits.cleanup-interval:PT15M}", initialDelayString = "PT2M")
		@SchedulerLock(name = "rate-limit-cleanup", lockAtMostFor = "PT10M")
		void removeExpired() {
			int removed = 0;
			int batch;
			do {
				batch = this.buckets.removeExpired(BATCH);
				removed += batch;
			}
			while (batch == BATCH);
			if (removed > 0) {
				logger.debug("Removed {} refilled rate-limit buckets", removed);
			}
		}

	}

}
