package dev.tokenportal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.tokenportal.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tampering with the trail, as the database owner who can switch the append-only triggers
 * off, or as anyone with the database credentials but without the audit key, is detected
 * by verification, which names the first bad event. Each test gets a database of its own.
 *
 * @author Token Portal team
 */
class AuditVerifierTests {

	static final String KEY = "verifier-tests-audit-key-0123456789abcdef";

	static final AuditChain CHAIN = new AuditChain(new AuditProperties("f".repeat(32), KEY));

	/** The same chain rules under a key someone guessed. */
	static final AuditChain WRONG_KEY = new AuditChain(new AuditProperties("f".repeat(32), "w".repeat(40)));

	JdbcTemplate jdbc;

	TransactionTemplate transactions;

	AuditTrail trail;

	AuditSequencer sequencer;

	AuditVerifier verifier;

	List<AuditEvent> events = new ArrayList<>();

	@BeforeEach
	void tenEvents() {
		use(newDatabase(null));
		for (int i = 1; i <= 10; i++) {
			this.events.add(append(i));
		}
	}

	private static DataSource newDatabase(@Nullable String upToVersion) {
		DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				EmbeddedPostgres.newDatabase("tamper"), "postgres", "postgres");
		migrate(dataSource, upToVersion);
		return dataSource;
	}

	private static void migrate(DataSource dataSource, @Nullable String upToVersion) {
		FluentConfiguration flyway = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.placeholders(Map.of("runtime-role", "portal_app"));
		if (upToVersion != null) {
			flyway.target(upToVersion);
		}
		flyway.load().migrate();
	}

	/**
	 * The newest migration before the chain was keyed (V10 and V11 may or may not exist).
	 */
	private static String lastUnkeyedVersion() {
		try {
			return Arrays
				.stream(new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql"))
				.map((resource) -> Integer.parseInt(String.valueOf(resource.getFilename()).substring(1).split("__")[0]))
				.filter((version) -> version < 12)
				.max(Comparator.naturalOrder())
				.orElseThrow()
				.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void use(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.sequencer = new AuditSequencer(this.jdbc, CHAIN, transactionManager);
		// sealed as each append commits, so that every test starts from a sealed chain
		this.trail = new AuditTrail(this.jdbc, CHAIN, Clock.systemUTC(), this.sequencer,
				new AuditProperties("f".repeat(32), KEY, null, true));
		this.verifier = new AuditVerifier(this.jdbc, CHAIN, Clock.systemUTC());
	}

	private AuditEvent append(int n) {
		AuditEntry entry = AuditEntry
			.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(3, "alice"))
			.detail("n", n)
			.build();
		AuditEvent leaf = this.transactions.execute((tx) -> this.trail.record(entry));
		return this.jdbc.queryForObject("select * from audit_event where id = ?", AuditTrail.ROW_MAPPER, leaf.id());
	}

	@Test
	void untouchedChainIsIntactToTheHead() {
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isTrue();
		assertThat(result.verifiedUpTo()).isEqualTo(10);
		assertThat(result.headHash()).isEqualTo(this.events.get(9).hash());
		assertThat(result.summary()).isEqualTo("Intact up to event 10");
	}

	@Test
	void verificationCanStartFromACheckpoint() {
		VerificationResult result = this.verifier.verify(6, this.events.get(5).hash());
		assertThat(result.intact()).isTrue();
		assertThat(result.eventsChecked()).isEqualTo(4);
		assertThat(this.verifier.verify(6, "f".repeat(64)).intact()).isFalse();
	}

	@Test
	void changedFieldIsDetectedAtThatEvent() {
		tamper("update audit_event set actor_username = 'mallory' where seq = 5");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(5);
		assertThat(result.verifiedUpTo()).isEqualTo(4);
		assertThat(result.problem()).contains("content was changed");
	}

	@Test
	void changedFieldWithARecomputedHashBreaksTheNextLink() {
		AuditEvent original = this.events.get(4);
		AuditEvent forged = new AuditEvent(original.seq(), original.eventId(), original.occurredAt(),
				original.actorId(), "mallory", original.clientIp(), original.userAgent(), original.correlationId(),
				original.action(), original.outcome(), original.targetType(), original.targetId(),
				original.targetPath(), original.requestId(), original.gitlabTokenId(), original.tokenFingerprint(),
				original.details(), original.prevHash(), "", original.hashAlg(), original.id());
		// even with the audit key, a rewritten event breaks the link from the next one
		tamper("update audit_event set actor_username = 'mallory', hash = '" + CHAIN.seal(forged) + "' where seq = 5");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.firstBadSeq()).isEqualTo(6);
		assertThat(result.problem()).contains("does not link");
	}

	@Test
	void deletedMiddleEventIsDetected() {
		tamper("delete from audit_event where seq = 5");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(5);
		assertThat(result.problem()).contains("event 5 is missing");
	}

	@Test
	void swappedEventsAreDetected() {
		tamper("update audit_event set seq = 1000004 where seq = 4; update audit_event set seq = 4 where seq = 5; "
				+ "update audit_event set seq = 5 where seq = 1000004");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(4);
	}

	@Test
	void truncatedTailAfterAnExportedHeadIsDetected() {
		AuditEvent exportedHead = this.events.get(9);
		tamper("delete from audit_event where seq >= 8");
		assertThat(this.verifier.verify(0, AuditChain.GENESIS).intact()).as("the rest is consistent").isTrue();
		VerificationResult result = this.verifier.verifyContains(exportedHead.seq(), exportedHead.hash());
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(10);
		assertThat(result.problem()).contains("no longer contains event 10", "ends at event 7");
	}

	@Test
	void exportedHeadThatStillExistsIsConfirmed() {
		AuditEvent exportedHead = this.events.get(6);
		VerificationResult result = this.verifier.verifyContains(exportedHead.seq(), exportedHead.hash());
		assertThat(result.intact()).isTrue();
		assertThat(result.verifiedUpTo()).isEqualTo(7);
		assertThat(this.verifier.verifyContains(7, "0".repeat(64)).intact()).isFalse();
	}

	@Test
	void eventInsertedWithTheDatabaseCredentialsAloneFailsVerification() {
		AuditEvent head = this.events.get(9);
		// the database refuses a plain event after the switch; the owner could drop that
		// check
		this.jdbc.execute("alter table audit_event drop constraint audit_event_keyed_from_now_on");
		AuditEvent forged = forgeAfter(head, AuditChain.PLAIN, null);
		assertForgeryDetected(head, forged, "not sealed with the audit key although earlier events are");
	}

	@Test
	void theDatabaseRefusesAnEventBeforeTheFirst() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertBefore(0, "sha256", "1".repeat(64)))
			.withMessageContaining("audit_event_seq_from_one");
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> insertBefore(-7, "hmac-sha256", "1".repeat(64)))
			.withMessageContaining("audit_event_seq_from_one");
	}

	@Test
	void eventPlacedBeforeTheFirstFailsEveryVerification() {
		// the owner could drop the check; the walk must not start at 1 and miss it
		this.jdbc.execute("alter table audit_event drop constraint audit_event_seq_from_one");
		this.jdbc.execute("alter table audit_event drop constraint audit_event_keyed_from_now_on");
		insertBefore(-7, "sha256", "1".repeat(64));
		AuditEvent head = this.events.get(9);
		for (VerificationResult result : List.of(this.verifier.verify(0, AuditChain.GENESIS),
				this.verifier.verify(head.seq(), head.hash()), this.verifier.verifyContains(head.seq(), head.hash()))) {
			assertThat(result.intact()).as(result.summary()).isFalse();
			assertThat(result.firstBadSeq()).isEqualTo(-7);
			assertThat(result.problem()).contains("before the first event");
		}
	}

	@Test
	void eventSealedWithAnyOtherKeyFailsVerification() {
		AuditEvent head = this.events.get(9);
		AuditEvent forged = forgeAfter(head, AuditChain.KEYED, WRONG_KEY);
		assertForgeryDetected(head, forged, "written without the audit key");
	}

	@Test
	void keyedEventTurnedIntoAPlainOneFailsVerification() {
		AuditEvent last = this.events.get(9);
		AuditEvent plain = withHashAlg(last, AuditChain.PLAIN);
		tamper("alter table audit_event drop constraint audit_event_keyed_from_now_on; "
				+ "update audit_event set hash_alg = 'sha256', hash = '"
				+ AuditChain.sha256(AuditChain.canonical(plain)) + "' where seq = 10");
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBadSeq()).isEqualTo(10);
		assertThat(result.problem()).contains("not sealed with the audit key");
	}

	@Test
	void eventsWrittenBeforeTheChainWasKeyedStillVerify() {
		DataSource before = newDatabase(lastUnkeyedVersion());
		JdbcTemplate old = new JdbcTemplate(before);
		String previous = AuditChain.GENESIS;
		for (long seq = 1; seq <= 3; seq++) {
			AuditEvent plain = new AuditEvent(seq, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), 3L,
					"alice", null, null, null, "request.submitted", "SUCCESS", null, null, null, null, null, null, "{}",
					previous, "", AuditChain.PLAIN, seq);
			previous = AuditChain.sha256(AuditChain.canonical(plain));
			old.update(
					"insert into audit_event (seq, event_id, occurred_at, actor_id, actor_username, action, "
							+ "outcome, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					plain.seq(), plain.eventId(), Timestamp.from(plain.occurredAt()), plain.actorId(),
					plain.actorUsername(), plain.action(), plain.outcome(), plain.details(), plain.prevHash(),
					previous);
		}
		migrate(before, null);
		use(before);
		append(4);
		append(5);
		VerificationResult result = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(result.intact()).as(result.summary()).isTrue();
		assertThat(result.verifiedUpTo()).isEqualTo(5);
		assertThat(this.jdbc.queryForList("select hash_alg from audit_event order by seq", String.class))
			.containsExactly("sha256", "sha256", "sha256", "hmac-sha256", "hmac-sha256");
		AuditEvent head = this.jdbc.queryForObject("select * from audit_event where seq = 5", AuditTrail.ROW_MAPPER);
		assertThatExceptionOfType(DataIntegrityViolationException.class).as("a plain event after the switch")
			.isThrownBy(() -> forgeAfter(head, AuditChain.PLAIN, null))
			.withMessageContaining("audit_event_keyed_from_now_on");
	}

	@Test
	void forgedCheckpointDoesNotBlindTheIncrementalVerification() {
		AuditCheckpoints checkpoints = new AuditCheckpoints(this.jdbc, CHAIN);
		Clock clock = Clock.systemUTC();
		VerificationResult genuine = AuditLogService.verifyAndRecord(false, AuditActor.SYSTEM, this.verifier,
				checkpoints, this.trail, clock);
		assertThat(genuine.intact()).isTrue();
		AuditEvent verificationEvent = this.jdbc.queryForObject("select * from audit_event order by seq desc limit 1",
				AuditTrail.ROW_MAPPER);
		AuditEvent forged = forgeAfter(verificationEvent, AuditChain.KEYED, WRONG_KEY);
		// the forger also says that verification already got past the forged event, once
		// without a MAC and once with a MAC under a guessed key
		this.jdbc.update("insert into audit_checkpoint (seq, hash, verified_at) values (?, ?, now())", forged.seq(),
				forged.hash());
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.jdbc.update("insert into audit_checkpoint (seq, hash, verified_at, mac) values (?, ?, ?, ?)", forged.seq(),
				forged.hash(), Timestamp.from(at), WRONG_KEY.checkpointMac(forged.seq(), forged.hash(), at));
		VerificationResult next = AuditLogService.verifyAndRecord(false, AuditActor.SYSTEM, this.verifier, checkpoints,
				this.trail, clock);
		assertThat(next.intact()).isFalse();
		assertThat(next.fromSeq()).as("walked from the genuine checkpoint").isEqualTo(genuine.verifiedUpTo());
		assertThat(next.firstBadSeq()).isEqualTo(forged.seq());
		AuditEvent recorded = this.jdbc.queryForObject(
				"select * from audit_event where action = 'audit.verified' order by seq desc limit 1",
				AuditTrail.ROW_MAPPER);
		assertThat(recorded.details()).contains("\"ignoredCheckpoints\":2");
	}

	private void assertForgeryDetected(AuditEvent head, AuditEvent forged, String problem) {
		VerificationResult full = this.verifier.verify(0, AuditChain.GENESIS);
		assertThat(full.intact()).as("a walk from the start").isFalse();
		assertThat(full.firstBadSeq()).isEqualTo(forged.seq());
		assertThat(full.verifiedUpTo()).isEqualTo(head.seq());
		assertThat(full.problem()).contains(problem);
		VerificationResult incremental = this.verifier.verify(head.seq(), head.hash());
		assertThat(incremental.intact()).as("a walk from a checkpoint").isFalse();
		assertThat(incremental.firstBadSeq()).isEqualTo(forged.seq());
	}

	/**
	 * What someone with the database credentials but without the audit key can append:
	 * the next event, linked to the head, hashed as the canonical form says, with plain
	 * SHA-256 or with HMAC-SHA256 under a key of their own.
	 */
	private AuditEvent forgeAfter(AuditEvent head, String hashAlg, @Nullable AuditChain theirs) {
		AuditEvent unsigned = new AuditEvent(head.seq() + 1, UUID.randomUUID(),
				Instant.now().truncatedTo(ChronoUnit.MICROS), 3L, "alice", null, null, null, "request.approved",
				"SUCCESS", null, null, null, null, null, null, "{}", head.hash(), "", hashAlg, 0);
		String hash = (theirs != null) ? theirs.seal(unsigned) : AuditChain.sha256(AuditChain.canonical(unsigned));
		this.jdbc.update(
				"insert into audit_event (seq, event_id, occurred_at, actor_id, actor_username, action, "
						+ "outcome, details, prev_hash, hash, hash_alg) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				unsigned.seq(), unsigned.eventId(), Timestamp.from(unsigned.occurredAt()), unsigned.actorId(),
				unsigned.actorUsername(), unsigned.action(), unsigned.outcome(), unsigned.details(),
				unsigned.prevHash(), hash, hashAlg);
		return this.jdbc.queryForObject("select * from audit_event where seq = ?", AuditTrail.ROW_MAPPER,
				unsigned.seq());
	}

	private void insertBefore(long seq, String hashAlg, String hash) {
		this.jdbc
			.update("insert into audit_event (seq, event_id, occurred_at, actor_id, actor_username, action, outcome, "
					+ "details, prev_hash, hash, hash_alg) values (?, ?, now(), 7, 'erin', 'token.revoked', "
					+ "'SUCCESS', '{}', ?, ?, ?)", seq, UUID.randomUUID(), AuditChain.GENESIS, hash, hashAlg);
	}

	private static AuditEvent withHashAlg(AuditEvent e, String hashAlg) {
		return new AuditEvent(e.seq(), e.eventId(), e.occurredAt(), e.actorId(), e.actorUsername(), e.clientIp(),
				e.userAgent(), e.correlationId(), e.action(), e.outcome(), e.targetType(), e.targetId(), e.targetPath(),
				e.requestId(), e.gitlabTokenId(), e.tokenFingerprint(), e.details(), e.prevHash(), "", hashAlg, e.id());
	}

	private void tamper(String sql) {
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc.execute("alter table audit_event disable trigger audit_event_no_update_or_delete");
			for (String statement : sql.split(";")) {
				this.jdbc.execute(statement);
			}
			this.jdbc.execute("alter table audit_event enable always trigger audit_event_no_update_or_delete");
		});
	}

}
