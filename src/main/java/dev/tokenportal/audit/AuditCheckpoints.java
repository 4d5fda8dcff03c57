package dev.tokenportal.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where verification last found the chain intact.
 *
 * @author Token Portal team
 */
@Component
class AuditCheckpoints {

	private final JdbcTemplate jdbc;

	AuditCheckpoints(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Checkpoint> latest() {
		return this.jdbc
			.query("select seq, hash, verified_at from audit_checkpoint order by seq desc, id desc limit 1",
					(rs, row) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.stream()
			.findFirst();
	}

	void save(long seq, String hash, Instant verifiedAt) {
		this.jdbc.update("insert into audit_checkpoint (seq, hash, verified_at) values (?, ?, ?)", seq, hash,
				Timestamp.from(verifiedAt));
	}

	/**
	 * A point up to which the chain was found intact.
	 *
	 * @param seq the event
	 * @param hash its hash then
	 * @param verifiedAt when
	 */
	record Checkpoint(long seq, String hash, Instant verifiedAt) {
	}

}
