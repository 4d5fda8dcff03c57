package dev.tokenportal.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import dev.tokenportal.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The trail as production runs it, on a database of its own: actions append leaves
 * without waiting for one another, and the sequencer seals them into one chain shortly
 * after, in the order they become visible. Nothing here seals on commit; each test seals
 * when it chooses, as the schedule would.
 *
 * @author Token Portal team
 */
class AuditSequencerTests {

	static final String KEY = "sequencer-tests-audit-key-0123456789abcdef";

	static final AuditChain CHAIN = new AuditChain(new AuditProperties("f".repeat(32), KEY));

	HikariDataSource dataSource;

	JdbcTemplate jdbc;

	TransactionTemplate transactions;

	AuditSequencer sequencer;

	AuditTrail trail;

	AuditVerifier verifier;

	@BeforeEach
	void newDatabase() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(EmbeddedPostgres.newDatabase("sequencer"));
		this.dataSource.setUsername("postgres");
		this.dataSource.setPassword("postgres");
		this.dataSource.setMaximumPoolSize(12);
		Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration")
			.placeholders(Map.of("runtime-role", "portal_app"))
			.load()
			.migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(this.dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.sequencer = new AuditSequencer(this.jdbc, CHAIN, transactionManager);
		this.trail = new AuditTrail(this.jdbc, CHAIN, Clock.systemUTC(), this.sequencer,
				new AuditProperties("f".repeat(32), KEY));
		this.verifier = new AuditVerifier(this.jdbc, CHAIN, Clock.systemUTC());
	}

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void eightWritersAppendWhileTheSequencerSealsAndEndUpInOneGaplessChainThatVerifies() throws Exception {
		int threads = 8;
		int perThread = 40;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean appending = new AtomicBoolean(true);
		List<Future<?>> writers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			writers.add(pool.submit(() -> {
				start.await();
				for (int i = 0; i < perThread; i++) {
					String step = thread + "-" + i;
					this.transactions.executeWithoutResult((tx) -> this.trail.record(entry(step)));
				}
				return null;
			}));
		}
		// the sequencer at work all along, as on its schedule
		Future<Integer> sealer = pool.submit(() -> {
			int sealed = 0;
			while (appending.get()) {
				sealed += this.sequencer.sealPending();
			}
			return sealed;
		});
		start.countDown();
		for (Future<?> writer : writers) {
			writer.get(60, TimeUnit.SECONDS);
		}
		appending.set(false);
		int sealedMeanwhile = sealer.get(60, TimeUnit.SECONDS);
		int sealedAfter = this.sequencer.sealPending();
		pool.shutdown();
		assertThat(sealedMeanwhile + sealedAfter).isEqualTo(threads * perThread);
		assertThat(this.sequencer.pending()).isZero();
		List<AuditEvent> chain = this.jdbc.query("select * from audit_event order by seq", AuditTrail.ROW_MAPPER);
		assertThat(chain).hasSize(threads * perThread);
		for (int i = 0; i < chain.size(); i++) {
			assertThat(chain.get(i).seq()).isEqualTo(i + 1L);
			assertThat(chain.get(i).prevHash()).isEqualTo((i == 0) ? AuditChain.GENESIS : chain.get(i - 1).hash());
		}
		assertThat(chain).extracting(AuditEvent::details)
			.as("every append, once")
			.doesNotHaveDuplicates()
			.hasSize(threads * perThread);
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).as(result.summary()).isTrue();
		assertThat(result.verifiedUpTo()).isEqualTo(threads * perThread);
		assertThat(result.awaitingSealing()).isZero();
	}

	@Test
	void aLeafThatCommitsAfterALaterAppendTakesTheNextPlaceInTheChain() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		CountDownLatch appended = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		Future<AuditEvent> slow = pool.submit(() -> this.transactions.execute((tx) -> {
			AuditEvent leaf = this.trail.record(entry("slow"));
			appended.countDown();
			awaitQuietly(commit);
			return leaf;
		}));
		assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
		AuditEvent quick = this.transactions.execute((tx) -> this.trail.record(entry("quick")));
		assertThat(this.sequencer.sealPending()).as("only what has committed").isOne();
		commit.countDown();
		AuditEvent late = slow.get(30, TimeUnit.SECONDS);
		pool.shutdown();
		assertThat(this.sequencer.sealPending()).isOne();
		assertThat(late.id()).as("appended first").isLessThan(quick.id());
		assertThat(stored(quick).seq()).isEqualTo(1);
		assertThat(stored(late).seq()).as("sealed second: seq is the order of sealing").isEqualTo(2);
		assertThat(stored(late).prevHash()).isEqualTo(stored(quick).hash());
		assertThat(this.verifier.verify(0, AuditChain.GENESIS).intact()).isTrue();
	}

	@Test
	void aRolledBackActionLeavesNoLeaf() {
		UUID request = UUID.randomUUID();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((tx) -> {
				this.trail.record(AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
					.request(request)
					.build());
				throw new IllegalStateException("the change failed");
			}));
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event", Integer.class)).isZero();
		assertThat(this.sequencer.pending()).isZero();
		assertThat(this.sequencer.sealPending()).isZero();
	}

	@Test
	void eventsAwaitingSealingAreShownButLeftOutOfTheVerifiedChainAndCounted() {
		append("one");
		this.sequencer.sealPending();
		AuditEvent waiting = append("two");
		append("three");
		assertThat(this.trail.eventsOfRequest(REQUEST)).extracting(AuditEvent::id)
			.as("a request's history shows unsealed events too")
			.hasSize(3)
			.isSorted();
		assertThat(stored(waiting).sealed()).isFalse();
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isTrue();
		assertThat(result.verifiedUpTo()).isEqualTo(1);
		assertThat(result.awaitingSealing()).isEqualTo(2);
		AuditLogService service = new AuditLogService(this.jdbc, this.trail, this.verifier,
				new AuditCheckpoints(this.jdbc, CHAIN), this.sequencer,
				new DataSourceTransactionManager(this.dataSource), Clock.systemUTC());
		AuditLogService.ChainHead head = service.head();
		assertThat(head.seq()).isEqualTo(1);
		assertThat(head.awaitingSealing()).isEqualTo(2);
		AuditLogService.ChainHead sealed = service.sealedHead();
		assertThat(sealed.seq()).isEqualTo(3);
		assertThat(sealed.awaitingSealing()).isZero();
	}

	@Test
	void aSealedEventChangedAfterwardsIsDetected() {
		for (int i = 0; i < 5; i++) {
			append("e" + i);
		}
		this.sequencer.sealPending();
		tamper("update audit_event set outcome = 'DENIED' where seq = 3");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(3);
		assertThat(result.problem()).contains("content was changed");
	}

	@Test
	void aLeafChangedBeforeSealingIsNeverSealedAndVerificationReportsIt() {
		append("genuine-1");
		AuditEvent changed = append("changed");
		append("genuine-2");
		tamper("update audit_event set actor_username = 'mallory' where id = " + changed.id());
		assertThat(this.sequencer.sealPending()).as("the others are sealed").isEqualTo(2);
		assertThat(stored(changed).sealed()).isFalse();
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.verifiedUpTo()).isEqualTo(2);
		assertThat(result.awaitingSealing()).isOne();
		assertThat(result.summary()).contains("append id " + changed.id(), "not written by the portal");
		append("after");
		assertThat(this.sequencer.sealPending()).as("a refused leaf does not hold up the ones after it").isOne();
	}

	@Test
	void aLeafAddedWithTheDatabaseCredentialsAloneIsNeverSealed() {
		append("genuine");
		this.jdbc.update("insert into audit_event (event_id, occurred_at, actor_username, action, outcome, details, "
				+ "hash_alg, leaf_mac) values (?, now(), 'mallory', 'request.approved', 'SUCCESS', '{}', "
				+ "'hmac-sha256', repeat('a', 64))", UUID.randomUUID());
		assertThat(this.sequencer.sealPending()).isOne();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where actor_username = 'mallory' " + "and seq is null",
				Integer.class))
			.isOne();
		assertThat(this.verifier.verify(0, AuditChain.GENESIS).intact()).isFalse();
	}

	@Test
	void theTableLetsALeafBeSealedOnceAndNothingElseChange() {
		AuditEvent leaf = append("leaf");
		assertSealRefused("update audit_event set seq = 1, prev_hash = repeat('0', 64), hash = repeat('1', 64), "
				+ "outcome = 'DENIED' where id = " + leaf.id());
		this.sequencer.sealPending();
		assertSealRefused("select audit_seal(array[" + leaf.id() + "]::bigint[], array[2]::bigint[], "
				+ "array[repeat('0', 64)], array[repeat('1', 64)])");
		assertSealRefused("update audit_event set hash = repeat('2', 64) where id = " + leaf.id());
		assertSealRefused("delete from audit_event");
		assertThat(stored(leaf).seq()).isEqualTo(1);
		assertThat(this.verifier.verify(0, AuditChain.GENESIS).intact()).isTrue();
	}

	private void assertSealRefused(String sql) {
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((tx) -> this.jdbc.execute(sql)));
	}

	static final UUID REQUEST = UUID.randomUUID();

	private AuditEvent append(String step) {
		return this.transactions.execute((tx) -> this.trail
			.record(AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(3, "alice"))
				.request(REQUEST)
				.detail("step", step)
				.build()));
	}

	private AuditEvent stored(AuditEvent leaf) {
		return this.jdbc.queryForObject("select * from audit_event where id = ?", AuditTrail.ROW_MAPPER, leaf.id());
	}

	private void tamper(String sql) {
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc.execute("alter table audit_event disable trigger audit_event_no_update_or_delete");
			this.jdbc.execute(sql);
			this.jdbc.execute("alter table audit_event enable always trigger audit_event_no_update_or_delete");
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void anAppendDoesNotWaitForAnotherTransactionThatHasAppendedAndIsStillOpen() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch firstAppended = new CountDownLatch(1);
		CountDownLatch secondDone = new CountDownLatch(1);
		try {
			// the first action appends its event, then goes on with its work (a GitLab
			// call,
			// say) with its transaction open
			Future<Boolean> first = pool.submit(() -> this.transactions.execute((tx) -> {
				this.trail.record(entry("long-running"));
				firstAppended.countDown();
				return await(secondDone);
			}));
			assertThat(firstAppended.await(30, TimeUnit.SECONDS)).isTrue();
			Future<?> second = pool.submit(() -> {
				this.transactions.executeWithoutResult((tx) -> this.trail.record(entry("meanwhile")));
				secondDone.countDown();
			});
			// with a chain lock held until commit (before the sequencer), the second
			// append would wait for the
			// first
			// transaction, which waits for it: neither would ever finish
			second.get(30, TimeUnit.SECONDS);
			assertThat(first.get(30, TimeUnit.SECONDS)).as("the first action saw the second one finish").isTrue();
		}
		finally {
			secondDone.countDown();
			pool.shutdownNow();
		}
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(40, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static AuditEntry entry(String step) {
		return AuditEntry.of(AuditAction.AUDIT_VERIFIED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
			.detail("step", step)
			.build();
	}

}
