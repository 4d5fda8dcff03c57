package dev.tokenportal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the hash chain and reports how far it is intact. Every event must follow the one
 * before it without a gap, link to its hash, and hash to its own stored value; once an
 * event is sealed with the audit key, every later one must be too. The first event that
 * fails names what was done to the trail: a changed field, an event added without the
 * key, a removed or reordered event, or (against an exported head) a truncated tail.
 * <p>
 * The walk covers the sealed chain. Events appended but not sealed yet
 * ({@link AuditSequencer}) are counted, and each must carry a leaf MAC that matches its
 * fields: one that does not was added past the portal or changed before sealing, and the
 * sequencer will never seal it.
 *
 * @author Token Portal team
 */
@Service
public class AuditVerifier {

	private static final int BATCH = 5_000;

	private final JdbcTemplate jdbc;

	private final AuditChain chain;

	private final Clock clock;

	AuditVerifier(JdbcTemplate jdbc, AuditChain chain, Clock clock) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.clock = clock;
	}

	/**
	 * Walks the chain from a known-good event (or from the start) to the newest event.
	 * @param afterSeq the last event known to be intact, 0 for the whole chain
	 * @param afterHash that event's hash as recorded then ({@link AuditChain#GENESIS} for
	 * 0)
	 * @return the result
	 */
	@Transactional(readOnly = true)
	public VerificationResult verify(long afterSeq, String afterHash) {
		return withLeaves(walk(afterSeq, afterHash));
	}

	private VerificationResult walk(long afterSeq, String afterHash) {
		Instant started = this.clock.instant();
		// the walk starts at 1: an event slipped in before it would otherwise go unseen
		List<Long> beforeFirst = this.jdbc
			.queryForList("select seq from audit_event where seq < 1 order by seq limit 1", Long.class);
		if (!beforeFirst.isEmpty()) {
			return broken(afterSeq, 0, "", "an event stands before the first event (the trail starts at event 1): it "
					+ "was inserted past the portal", beforeFirst.get(0), 0, started);
		}
		boolean keyed = false;
		if (afterSeq > 0) {
			Optional<AuditEvent> anchor = event(afterSeq);
			if (anchor.isEmpty() || !afterHash.equals(anchor.get().hash()) || !this.chain.matches(anchor.get())) {
				String problem = anchor.isEmpty()
						? "the starting event no longer exists (the trail was truncated or the event removed)"
						: "the starting event was changed (its hash differs from the one recorded or from its fields)";
				return broken(afterSeq, afterSeq - 1, "", problem, afterSeq, 0, started);
			}
			// its own form, checked above, says whether plain events may still follow
			keyed = AuditChain.KEYED.equals(anchor.get().hashAlg());
		}
		long expected = afterSeq + 1;
		String previousHash = afterHash;
		long checked = 0;
		while (true) {
			List<AuditEvent> batch = this.jdbc.query("select * from audit_event where seq >= ? order by seq limit ?",
					AuditTrail.ROW_MAPPER, expected, BATCH);
			for (AuditEvent event : batch) {
				String problem = problem(event, expected, previousHash, keyed);
				if (problem != null) {
					return broken(afterSeq, expected - 1, previousHash, problem, expected, checked, started);
				}
				keyed = keyed || AuditChain.KEYED.equals(event.hashAlg());
				previousHash = Objects.requireNonNull(event.hash());
				expected++;
				checked++;
			}
			if (batch.size() < BATCH) {
				return new VerificationResult(true, afterSeq, expected - 1, previousHash, null, null, checked,
						Duration.between(started, this.clock.instant()), 0);
			}
		}
	}

	/**
	 * Proves that the chain still contains an event exported earlier (its seq and hash),
	 * and that everything up to it is intact. A missing event means the tail was
	 * truncated.
	 * @param seq the exported head's event
	 * @param hash the exported head's hash
	 * @return the result of walking the chain up to that event
	 */
	@Transactional(readOnly = true)
	public VerificationResult verifyContains(long seq, String hash) {
		Instant started = this.clock.instant();
		Optional<AuditEvent> event = event(seq);
		if (event.isEmpty()) {
			long head = head();
			return withLeaves(new VerificationResult(false, 0, head, "", seq,
					"the trail no longer contains event " + seq + " (it now ends at event " + head
							+ "): events were removed from its end",
					0, Duration.between(started, this.clock.instant()), 0));
		}
		if (!hash.equals(event.get().hash())) {
			return withLeaves(new VerificationResult(false, 0, seq - 1, "", seq,
					"event " + seq + " has a different hash than the exported head (the trail was rewritten)", 0,
					Duration.between(started, this.clock.instant()), 0));
		}
		VerificationResult walk = verify(0, AuditChain.GENESIS);
		if (!walk.intact() && walk.firstBadSeq() != null && walk.firstBadSeq() <= seq) {
			return walk;
		}
		return new VerificationResult(true, 0, seq, hash, null, null, walk.eventsChecked(),
				Duration.between(started, this.clock.instant()), walk.awaitingSealing());
	}

	/**
	 * The newest event's position.
	 * @return its seq, 0 for an empty trail
	 */
	@Transactional(readOnly = true)
	public long head() {
		Long seq = this.jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
		return (seq != null) ? seq : 0;
	}

	/**
	 * How many events were appended but not sealed yet.
	 * @return the number
	 */
	@Transactional(readOnly = true)
	public long awaitingSealing() {
		Long count = this.jdbc.queryForObject("select count(*) from audit_event where seq is null", Long.class);
		return (count != null) ? count : 0;
	}

	// the unsealed leaves: counted, and each must be one the portal wrote
	private VerificationResult withLeaves(VerificationResult walk) {
		long[] awaiting = { 0 };
		List<Long> foreign = new ArrayList<>();
		this.jdbc.query("select * from audit_event where seq is null order by id", (RowCallbackHandler) (rs) -> {
			AuditEvent leaf = AuditTrail.ROW_MAPPER.mapRow(rs, 0);
			awaiting[0]++;
			if (!this.chain.leafMatches(leaf, rs.getString("leaf_mac"))) {
				foreign.add(leaf.id());
			}
		});
		if (!walk.intact() || foreign.isEmpty()) {
			return walk.awaiting(awaiting[0]);
		}
		return new VerificationResult(false, walk.fromSeq(), walk.verifiedUpTo(), walk.headHash(), null,
				foreign.size() + " event(s) awaiting sealing (append id " + foreign.get(0)
						+ (foreign.size() > 1 ? " and more" : "")
						+ ") were not written by the portal or were changed since (the leaf MAC does not match their "
						+ "fields); the sequencer does not seal them",
				walk.eventsChecked(), walk.took(), awaiting[0]);
	}

	private Optional<AuditEvent> event(long seq) {
		return this.jdbc.query("select * from audit_event where seq = ?", AuditTrail.ROW_MAPPER, seq)
			.stream()
			.findFirst();
	}

	private @Nullable String problem(AuditEvent event, long expected, String previousHash, boolean keyedBefore) {
		if (event.seq() == null || event.seq() != expected) {
			return "event " + expected + " is missing (removed); the next event is " + event.seq();
		}
		boolean keyed = AuditChain.KEYED.equals(event.hashAlg());
		if (keyedBefore && !keyed) {
			return "it is not sealed with the audit key although earlier events are "
					+ "(it was added or rewritten by someone without the key)";
		}
		if (!this.chain.matches(event)) {
			return keyed
					? "its content was changed after it was written, or it was written without the audit key "
							+ "(its seal does not match its fields)"
					: "its content was changed after it was written (the hash over its fields differs)";
		}
		if (!previousHash.equals(event.prevHash())) {
			return "it does not link to the event before it (that event was changed, removed or moved)";
		}
		return null;
	}

	private VerificationResult broken(long from, long upTo, String upToHash, String problem, long badSeq, long checked,
			Instant started) {
		return new VerificationResult(false, from, upTo, upToHash, badSeq, problem, checked,
				Duration.between(started, this.clock.instant()), 0);
	}

}
