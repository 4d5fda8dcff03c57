package dev.tokenportal.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sign-in callback's abuse limit, after GitLab's own: an address with 30 failed
 * sign-ins within 3 minutes is refused for an hour. Failures are kept in PostgreSQL, so
 * every instance enforces the same ban.
 *
 * @author Token Portal team
 */
@Component
class LoginThrottle {

	static final int MAX_FAILURES = 30;

	static final Duration WINDOW = Duration.ofMinutes(3);

	static final Duration BAN = Duration.ofHours(1);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	LoginThrottle(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records a failed sign-in and forgets failures too old to matter.
	 * @param clientIp the address
	 */
	@Transactional
	void failed(String clientIp) {
		Instant now = this.clock.instant();
		this.jdbc.update("insert into login_failure (client_ip, failed_at) values (?, ?)", clientIp,
				Timestamp.from(now));
		this.jdbc.update("delete from login_failure where client_ip = ? and failed_at < ?", clientIp,
				Timestamp.from(now.minus(BAN).minus(WINDOW)));
	}

	/**
	 * How long an address is still banned.
	 * @param clientIp the address
	 * @return the rest of the ban, or empty when it may sign in
	 */
	@Transactional(readOnly = true)
	Optional<Duration> banRemaining(String clientIp) {
		Instant now = this.clock.instant();
		List<Timestamp> recent = this.jdbc.queryForList(
				"select failed_at from login_failure where client_ip = ? and failed_at > ? order by failed_at desc "
						+ "limit " + MAX_FAILURES,
				Timestamp.class, clientIp, Timestamp.from(now.minus(BAN).minus(WINDOW)));
		if (recent.size() < MAX_FAILURES) {
			return Optional.empty();
		}
		Instant newest = recent.get(0).toInstant();
		Instant oldest = recent.get(MAX_FAILURES - 1).toInstant();
		Instant bannedUntil = newest.plus(BAN);
		if (Duration.between(oldest, newest).compareTo(WINDOW) > 0 || !bannedUntil.isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, bannedUntil));
	}

}
