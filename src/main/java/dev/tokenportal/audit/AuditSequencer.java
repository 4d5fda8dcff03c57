package dev.tokenportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the trail off the hot path, as a transparency log's sequencer integrates queued
 * leaves (Certificate Transparency, Trillian): actions append their events as leaves
 * without a lock ({@link AuditTrail#record}), and this gives each leaf that has committed
 * its place in the chain ({@code seq}), the previous event's hash and its seal, shortly
 * after.
 * <p>
 * Only committed leaves are visible to the sealer, so the chain is built in the order the
 * sealer finds leaves, which is commit order as near as it matters: a leaf whose append
 * id is lower than one already sealed (its transaction committed later) simply gets the
 * next {@code seq}. {@code seq} is the order of sealing, without gaps; the append id is
 * only the order of appending, with gaps where transactions rolled back.
 * <p>
 * One sealer at a time: ShedLock picks the instance that runs the schedule, and every
 * sealing transaction also holds an advisory lock that only sealers take (writers never
 * do), so a synchronous {@link #sealPending()} (verification, the head, exports) and the
 * schedule never interleave. The database would refuse a forked chain anyway ({@code seq}
 * is unique, a leaf is sealed only once).
 * <p>
 * A leaf whose MAC does not match its fields (added with the database credentials alone,
 * or changed before sealing) is never sealed: it is logged as an error, left unsealed and
 * reported by verification.
 *
 * @author Token Portal team
 */
@Component
public class AuditSequencer {

	private static final Logger logger = LoggerFactory.getLogger(AuditSequencer.class);

	/** Taken by sealing transactions only; appends never wait for it. */
	static final long SEAL_LOCK = 0x746f6b656e5351L;

	private static final int BATCH = 500;

	/** Leaves refused, remembered so that they do not block the leaves after them. */
	private static final int MAX_REFUSED = 10_000;

	private final JdbcTemplate jdbc;

	private final AuditChain chain;

	private final TransactionTemplate transactions;

	private final Set<Long> refused = ConcurrentHashMap.newKeySet();

	AuditSequencer(JdbcTemplate jdbc, AuditChain chain, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Seals on a schedule, on one instance at a time.
	 */
	@Scheduled(fixedDelayString = "${portal.audit.seal-every:PT0.5S}", initialDelayString = "PT1S")
	@SchedulerLock(name = "audit-sequencer", lockAtMostFor = "PT5M")
	public void sealOnSchedule() {
		int sealed = sealPending();
		if (sealed > 0) {
			logger.debug("Sealed {} audit events", sealed);
		}
	}

	/**
	 * Seals every leaf committed so far, in batches, each in a transaction of its own.
	 * Waits while another sealer is at work.
	 * @return how many leaves were sealed
	 */
	public int sealPending() {
		int sealed = 0;
		while (true) {
			Batch batch = Objects.requireNonNull(this.transactions.execute((tx) -> sealBatch()));
			sealed += batch.sealed();
			// a full batch of refused leaves seals nothing: stop rather than spin
			if (batch.read() < BATCH || batch.sealed() == 0) {
				return sealed;
			}
		}
	}

	/**
	 * Seals, in the caller's transaction, every leaf it can see: its own and those
	 * committed (seal-inline, for tests and the sandbox).
	 */
	void sealInCurrentTransaction() {
		Batch batch;
		do {
			batch = sealBatch();
		}
		while (batch.read() == BATCH && batch.sealed() > 0);
	}

	/**
	 * How many committed events wait to be sealed (refused leaves included).
	 * @return the number
	 */
	public long pending() {
		Long count = this.jdbc.queryForObject("select count(*) from audit_event where seq is null", Long.class);
		return (count != null) ? count : 0;
	}

	private Batch sealBatch() {
		this.jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, SEAL_LOCK);
		List<Head> heads = this.jdbc.query(
				"select seq, hash from audit_event where seq is not null order by seq desc limit 1",
				(rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
		Head head = heads.isEmpty() ? new Head(0, AuditChain.GENESIS) : heads.get(0);
		List<Leaf> leaves = this.jdbc.query(
				"select * from audit_event where seq is null and id <> all(?) order by id limit " + BATCH,
				(rs, row) -> new Leaf(AuditTrail.ROW_MAPPER.mapRow(rs, row), rs.getString("leaf_mac")),
				(Object) this.refused.toArray(Long[]::new));
		List<Long> ids = new ArrayList<>();
		List<Long> seqs = new ArrayList<>();
		List<String> prevHashes = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (Leaf leaf : leaves) {
			if (!this.chain.leafMatches(leaf.event(), leaf.mac())) {
				refuse(leaf.event());
				continue;
			}
			long seq = head.seq() + 1;
			String hash = this.chain.seal(AuditTrail.placed(leaf.event(), seq, head.hash(), ""));
			ids.add(leaf.event().id());
			seqs.add(seq);
			prevHashes.add(head.hash());
			hashes.add(hash);
			head = new Head(seq, hash);
		}
		if (!ids.isEmpty()) {
			this.jdbc.queryForObject("select audit_seal(?, ?, ?, ?)", Integer.class, ids.toArray(Long[]::new),
					seqs.toArray(Long[]::new), prevHashes.toArray(String[]::new), hashes.toArray(String[]::new));
		}
		return new Batch(leaves.size(), ids.size());
	}

	private void refuse(AuditEvent leaf) {
		logger.error(
				"AUDIT LEAF REFUSED: event with append id {} does not carry a valid leaf MAC (added past the "
						+ "portal, or changed before it was sealed); it is left unsealed and verification reports it",
				leaf.id());
		if (this.refused.size() < MAX_REFUSED) {
			this.refused.add(leaf.id());
		}
	}

	private record Head(long seq, String hash) {
	}

	private record Leaf(AuditEvent event, @Nullable String mac) {
	}

	private record Batch(int read, int sealed) {
	}

}
