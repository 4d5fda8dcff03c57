package dev.tokenportal.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.tokenportal.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with the trail, as the database owner who can switch the append-only triggers
 * off, is detected by verification, which names the first bad event. Each test gets a
 * database of its own.
 *
 * @author Token Portal team
 */
class AuditVerifierTests {

	JdbcTemplate jdbc;

	TransactionTemplate transactions;

	AuditTrail trail;

	AuditVerifier verifier;

	List<AuditEvent> events = new ArrayList<>();

	@BeforeEach
	void tenEvents() {
		DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
				EmbeddedPostgres.newDatabase("tamper"), "postgres", "postgres");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.trail = new AuditTrail(this.jdbc, Clock.systemUTC());
		this.verifier = new AuditVerifier(this.jdbc, Clock.systemUTC());
		for (int i = 1; i <= 10; i++) {
			AuditEntry entry = AuditEntry
				.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(3, "alice"))
				.detail("n", i)
				.build();
			this.events.add(this.transactions.execute((tx) -> this.trail.record(entry)));
		}
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
				original.details(), original.prevHash(), "");
		tamper("update audit_event set actor_username = 'mallory', hash = '" + AuditChain.hash(forged)
				+ "' where seq = 5");
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
		tamper("update audit_event set seq = -4 where seq = 4; update audit_event set seq = 4 where seq = 5; "
				+ "update audit_event set seq = 5 where seq = -4");
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
