package dev.tokenportal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs (lapsing, reconciliation, expiry, audit verification). Each takes a
 * database lock (ShedLock, database time) so that one instance runs it however many share
 * the database. {@code portal.jobs.enabled=false} switches them off, as tests do to run
 * jobs by hand.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.jobs.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			// ShedLock's default names the host only: instances sharing a host look alike
			.withLockedByValue(lockedBy())
			.build());
	}

	private static String lockedBy() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown";
		}
		return host + "/" + ProcessHandle.current().pid();
	}

}
