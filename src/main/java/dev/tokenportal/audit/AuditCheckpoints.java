package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where verification last found the chain intact. Each checkpoint carries a MAC under the
 * audit key; one without a valid MAC (written with the database credentials alone, or
 * before the chain was keyed) is never a starting point.
 *
 * @author Token Portal team
 */
@Component
class AuditCheckpoints {

	/** How many newer checkpoints may be passed over looking for a genuine one. */
	private static final int SCAN = 1_000;

	private final JdbcTemplate jdbc;

	private final AuditChain chain;

	AuditCheckpoints(JdbcTemplate jdbc, AuditChain chain) {
		this.jdbc = jdbc;
		this.chain = chain;
	}

	/**
	 * The newest genuine checkpoint, and how many newer ones were passed over because
	 * their MAC does not verify.
	 * @return where to start
	 */
	Latest latest() {
		List<Stored> newestFirst = this.jdbc.query(
				"select seq, hash, verified_at, mac from audit_checkpoint order by seq desc, id desc limit ?",
				(rs, row) -> new Stored(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()),
						rs.getString(4)),
				SCAN);
		int ignored = 0;
		for (Stored stored : newestFirst) {
			if (genuine(stored)) {
				return new Latest(stored.checkpoint(), ignored);
			}
			ignored++;
		}
		return new Latest(null, ignored);
	}

	void save(long seq, String hash, Instant verifiedAt) {
		Instant stored = verifiedAt.truncatedTo(ChronoUnit.MICROS);
		this.jdbc.update("insert into audit_checkpoint (seq, hash, verified_at, mac) values (?, ?, ?, ?)", seq, hash,
				Timestamp.from(stored), this.chain.checkpointMac(seq, hash, stored));
	}

	private boolean genuine(Stored stored) {
		String mac = stored.mac();
		Checkpoint checkpoint = stored.checkpoint();
		return mac != null && MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
				this.chain.checkpointMac(checkpoint.seq(), checkpoint.hash(), checkpoint.verifiedAt())
					.getBytes(StandardCharsets.US_ASCII));
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

	/**
	 * Where the next incremental verification starts.
	 *
	 * @param checkpoint the newest genuine checkpoint, {@code null} to walk from the
	 * start
	 * @param ignored how many newer checkpoints were passed over (their MAC does not
	 * verify)
	 */
	record Latest(@Nullable Checkpoint checkpoint, int ignored) {
	}

	private record Stored(Checkpoint checkpoint, @Nullable String mac) {
	}

}
