package dev.tokenportal.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each user wants to hear, and how.
 *
 * @author Token Portal team
 */
@Service
class NotificationPreferences {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	NotificationPreferences(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A user's preferences, the defaults when they never chose.
	 * @param gitlabUserId the user
	 * @return e-mail on and one message per request, unless they chose otherwise
	 */
	@Transactional(readOnly = true)
	Preference of(long gitlabUserId) {
		List<Preference> found = this.jdbc.query(
				"SELECT email_enabled, daily_digest FROM notification_preference WHERE gitlab_user_id = ?",
				(rs, row) -> new Preference(rs.getBoolean("email_enabled"), rs.getBoolean("daily_digest")),
				gitlabUserId);
		return found.isEmpty() ? Preference.DEFAULTS : found.get(0);
	}

	/**
	 * Saves a user's choice.
	 * @param gitlabUserId the user
	 * @param preference what they chose
	 */
	@Transactional
	void save(long gitlabUserId, Preference preference) {
		this.jdbc.update("""
				INSERT INTO notification_preference (gitlab_user_id, email_enabled, daily_digest, updated_at)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (gitlab_user_id) DO UPDATE
				SET email_enabled = EXCLUDED.email_enabled, daily_digest = EXCLUDED.daily_digest,
				    updated_at = EXCLUDED.updated_at""", gitlabUserId, preference.email(), preference.dailyDigest(),
				Timestamp.from(this.clock.instant()));
	}

	/**
	 * A user's choice.
	 *
	 * @param email whether they want e-mail at all
	 * @param dailyDigest whether requests waiting for them come once a day instead of one
	 * message each
	 */
	record Preference(boolean email, boolean dailyDigest) {

		static final Preference DEFAULTS = new Preference(true, false);

	}

}
