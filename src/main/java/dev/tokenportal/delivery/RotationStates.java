package dev.tokenportal.delivery;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.StatusReason;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code delivery_rotation}, in the caller's transaction: the one that publishes what the
 * attempt did.
 *
 * @author Token Portal team
 */
@Repository
class RotationStates {

	private final JdbcTemplate jdbc;

	RotationStates(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<RotationState> find(UUID requestId) {
		return this.jdbc.query("select * from delivery_rotation where request_id = ?", RotationStates::row, requestId)
			.stream()
			.findFirst();
	}

	void save(RotationState state) {
		StatusReason reason = state.lastFailureReason();
		this.jdbc.update("insert into delivery_rotation (request_id, gitlab_token_id, attempts, last_failure_code, "
				+ "last_failure_reason, last_failure_reason_code, last_failure_reason_args, last_attempt_at, "
				+ "next_attempt_at, escalated_at, renewal_request_id) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (request_id) do update set "
				+ "gitlab_token_id = excluded.gitlab_token_id, attempts = excluded.attempts, "
				+ "last_failure_code = excluded.last_failure_code, last_failure_reason = excluded.last_failure_reason, "
				+ "last_failure_reason_code = excluded.last_failure_reason_code, "
				+ "last_failure_reason_args = excluded.last_failure_reason_args, "
				+ "last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at, "
				+ "escalated_at = excluded.escalated_at, renewal_request_id = excluded.renewal_request_id",
				state.requestId(), state.gitlabTokenId(), state.attempts(), state.lastFailureCode(),
				(reason != null) ? reason.legacyText() : null, (reason != null) ? reason.code() : null,
				(reason != null) ? reason.args().toArray(String[]::new) : null, timestamp(state.lastAttemptAt()),
				timestamp(state.nextAttemptAt()), timestamp(state.escalatedAt()), state.renewalRequestId());
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static @Nullable StatusReason reason(ResultSet rs) throws SQLException {
		String code = rs.getString("last_failure_reason_code");
		if (code != null) {
			Array args = rs.getArray("last_failure_reason_args");
			return new StatusReason(code, (args != null) ? List.of((String[]) args.getArray()) : List.of(), null);
		}
		String legacy = rs.getString("last_failure_reason");
		return (legacy != null) ? StatusReason.legacy(legacy) : null;
	}

	private static RotationState row(ResultSet rs, int row) throws SQLException {
		return new RotationState(rs.getObject("request_id", UUID.class), rs.getLong("gitlab_token_id"),
				rs.getInt("attempts"), rs.getString("last_failure_code"), reason(rs), instant(rs, "last_attempt_at"),
				instant(rs, "next_attempt_at"), instant(rs, "escalated_at"),
				rs.getObject("renewal_request_id", UUID.class));
	}

}
