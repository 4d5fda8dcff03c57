package dev.tokenportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail on real PostgreSQL: appends join the caller's transaction (or refuse to
 * run), concurrent writers leave one unbroken, gap-free chain, and the table rejects any
 * change to its rows.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class AuditTrailTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditVerificationJob verificationJob;

	@Autowired
	AuditChain chain;

	@Test
	void recordingOutsideATransactionIsRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.trail.record(entry("outside")));
	}

	@Test
	void eventRollsBackWithTheTransactionItBelongsTo() {
		UUID request = UUID.randomUUID();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((tx) -> {
				this.trail.record(AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
					.request(request)
					.build());
				throw new IllegalStateException("the change failed");
			}));
		assertThat(this.trail.eventsOfRequest(request)).isEmpty();
	}

	@Test
	void eachEventLinksToThePreviousOneAndItsHashMatches() {
		AuditEvent first = stored(this.transactions.execute((tx) -> this.trail.record(entry("first"))));
		AuditEvent leaf = this.transactions.execute((tx) -> this.trail.record(entry("second")));
		assertThat(leaf.seq()).as("an append takes no place in the chain by itself").isNull();
		AuditEvent stored = stored(leaf);
		assertThat(stored.seq()).isEqualTo(first.seq() + 1);
		assertThat(stored.prevHash()).isEqualTo(first.hash());
		assertThat(stored.eventId()).isEqualTo(leaf.eventId());
		assertThat(stored.details()).isEqualTo(leaf.details());
		assertThat(this.chain.matches(stored)).isTrue();
		assertThat(stored.hashAlg()).isEqualTo(AuditChain.KEYED);
		assertThat(stored.hash()).as("sealed with the key, not a plain hash anyone can compute")
			.isNotEqualTo(AuditChain.sha256(AuditChain.canonical(stored)));
		assertThat(stored.details()).isEqualTo("{\"step\":\"second\"}");
	}

	@Test
	void concurrentWritersLeaveOneGapFreeChain() throws Exception {
		long before = head();
		int threads = 8;
		int perThread = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			done.add(pool.submit(() -> {
				start.await();
				for (int i = 0; i < perThread; i++) {
					String step = thread + "-" + i;
					this.transactions.executeWithoutResult((tx) -> this.trail.record(entry(step)));
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		List<AuditEvent> events = this.jdbc.query("select * from audit_event where seq > ? order by seq",
				AuditTrail.ROW_MAPPER, before);
		assertThat(events).hasSize(threads * perThread);
		for (int i = 0; i < events.size(); i++) {
			AuditEvent event = events.get(i);
			assertThat(event.seq()).isEqualTo(before + i + 1);
			assertThat(this.chain.matches(event)).isTrue();
			if (i > 0) {
				assertThat(event.prevHash()).isEqualTo(events.get(i - 1).hash());
			}
		}
	}

	@Test
	void rowsCannotBeUpdatedDeletedOrTruncatedEvenWithReplicationRole() {
		this.transactions.executeWithoutResult((tx) -> this.trail.record(entry("protected")));
		assertRefused("update audit_event set outcome = 'DENIED'");
		assertRefused("delete from audit_event");
		assertRefused("truncate audit_event");
		assertRefused("set local session_replication_role = replica; update audit_event set outcome = 'DENIED'");
	}

	@Test
	void scheduledVerificationContinuesFromItsCheckpointAndRecordsItself() {
		VerificationResult first = this.verificationJob.verifyIncrementally();
		assertThat(first.intact()).isTrue();
		this.transactions.executeWithoutResult((tx) -> this.trail.record(entry("after-checkpoint")));
		VerificationResult second = this.verificationJob.verifyIncrementally();
		assertThat(second.intact()).isTrue();
		assertThat(second.fromSeq()).isEqualTo(first.verifiedUpTo());
		assertThat(second.eventsChecked()).as("only what came after the checkpoint").isBetween(1L, 3L);
		AuditEvent recorded = this.jdbc.queryForObject(
				"select * from audit_event where action = 'audit.verified' order by seq desc limit 1",
				AuditTrail.ROW_MAPPER);
		assertThat(recorded.actorUsername()).isEqualTo("system");
		assertThat(recorded.details()).contains("\"kind\":\"incremental\"", "Intact up to event");
	}

	/** The event as stored: sealed, since the tests' trail seals each commit. */
	private AuditEvent stored(AuditEvent leaf) {
		return this.jdbc.queryForObject("select * from audit_event where id = ?", AuditTrail.ROW_MAPPER, leaf.id());
	}

	private void assertRefused(String sql) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((tx) -> this.jdbc.execute(sql)))
			.havingRootCause()
			.withMessageContaining("append-only");
	}

	private long head() {
		Long seq = this.jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
		return (seq != null) ? seq : 0;
	}

	private static AuditEntry entry(String step) {
		return AuditEntry.of(AuditAction.AUDIT_VERIFIED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
			.detail("step", step)
			.build();
	}

}
