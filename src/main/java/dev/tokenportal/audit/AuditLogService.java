package dev.tokenportal.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the security team does with the trail: search it, read an event, export it, see
 * and check its head, verify it. Auditors only; each use is itself an event.
 *
 * @author Token Portal team
 */
@Service
@PreAuthorize("hasRole('AUDITOR')")
public class AuditLogService {

	private static final Logger logger = LoggerFactory.getLogger(AuditLogService.class);

	/** Events per search page. */
	public static final int PAGE_SIZE = 50;

	private final JdbcTemplate jdbc;

	private final AuditTrail trail;

	private final AuditVerifier verifier;

	private final AuditCheckpoints checkpoints;

	private final AuditSequencer sequencer;

	private final TransactionTemplate readOnly;

	private final Clock clock;

	AuditLogService(JdbcTemplate jdbc, AuditTrail trail, AuditVerifier verifier, AuditCheckpoints checkpoints,
			AuditSequencer sequencer, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.verifier = verifier;
		this.checkpoints = checkpoints;
		this.sequencer = sequencer;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.clock = clock;
	}

	/**
	 * One page of events matching a search, newest first, those not sealed yet included.
	 * @param search the filters and the page
	 * @param auditor who searches
	 * @return the page
	 */
	public AuditPage search(AuditSearch search, AuditActor auditor) {
		AuditSearch.Condition where = search.condition();
		List<AuditEvent> events = this.jdbc.query(
				"select * from audit_event where " + where.sql() + " order by id desc limit " + (PAGE_SIZE + 1),
				AuditTrail.ROW_MAPPER, where.parameters());
		boolean more = events.size() > PAGE_SIZE;
		List<AuditEvent> page = more ? events.subList(0, PAGE_SIZE) : events;
		this.trail.recordAlone(AuditEntry.of(AuditAction.AUDIT_SEARCHED, AuditOutcome.SUCCESS, auditor)
			.detail("filters", search.describe())
			.detail("beforeId", search.beforeId())
			.build());
		return new AuditPage(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
	}

	/**
	 * One event, sealed or not.
	 * @param id its append id (the same as its place in the chain for events sealed
	 * before the chain was sealed off the hot path)
	 * @return the event, if it exists
	 */
	public Optional<AuditEvent> event(long id) {
		return this.jdbc.query("select * from audit_event where id = ?", AuditTrail.ROW_MAPPER, id)
			.stream()
			.findFirst();
	}

	/**
	 * The event at a place in the chain.
	 * @param seq its place
	 * @return the event, if the chain reaches that far
	 */
	public Optional<AuditEvent> eventAt(long seq) {
		return this.jdbc.query("select * from audit_event where seq = ?", AuditTrail.ROW_MAPPER, seq)
			.stream()
			.findFirst();
	}

	/**
	 * Seals what has been appended so far, before an export, so that it covers every
	 * event committed until now.
	 * @return how many events still await sealing (committed meanwhile, or refused)
	 */
	public long sealNow() {
		this.sequencer.sealPending();
		return this.sequencer.pending();
	}

	/**
	 * Streams every sealed event matching a search, in chain order, in constant memory
	 * (events not sealed yet are left out: {@link #sealNow()} first): PostgreSQL writes
	 * the rows ({@code COPY ... TO STDOUT}) straight into the response.
	 * @param search the filters ({@code beforeId} is honoured too)
	 * @param format CSV or JSON Lines
	 * @param out where to write
	 * @param auditor who exports
	 */
	public void export(AuditSearch search, AuditExport format, OutputStream out, AuditActor auditor) {
		this.trail.recordAlone(AuditEntry.of(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS, auditor)
			.detail("filters", search.describe())
			.detail("format", format.extension())
			.build());
		String where = search.literalCondition();
		this.readOnly.executeWithoutResult((tx) -> {
			Connection connection = DataSourceUtils.getConnection(Objects.requireNonNull(this.jdbc.getDataSource()));
			try (java.sql.Statement settings = connection.createStatement()) {
				// the literals in the statement rely on it
				settings.execute("set local standard_conforming_strings = on");
				format.export(connection.unwrap(PGConnection.class).getCopyAPI(), where, out);
				out.flush();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Exporting the audit trail failed", ex);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * The chain's newest sealed event, and how many events await sealing.
	 * @return the head
	 */
	public ChainHead head() {
		long awaiting = this.sequencer.pending();
		return this.jdbc
			.query("select seq, hash from audit_event where seq is not null order by seq desc limit 1",
					(rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2), this.clock.instant(), awaiting))
			.stream()
			.findFirst()
			.orElse(new ChainHead(0, AuditChain.GENESIS, this.clock.instant(), awaiting));
	}

	/**
	 * The chain's newest event once everything appended so far is sealed: what an auditor
	 * exports to prove later that nothing was cut off the end.
	 * @return the head
	 */
	public ChainHead sealedHead() {
		this.sequencer.sealPending();
		return head();
	}

	/**
	 * Seals what has been appended so far, walks the chain, from the start or from the
	 * newest checkpoint, records a checkpoint when intact, and records the verification
	 * as an event.
	 * @param fromStart walk from event 1 instead of the newest checkpoint
	 * @param auditor who asked
	 * @return the result
	 */
	public VerificationResult verify(boolean fromStart, AuditActor auditor) {
		this.sequencer.sealPending();
		return verifyAndRecord(fromStart, auditor, this.verifier, this.checkpoints, this.trail, this.clock);
	}

	/**
	 * Checks a previously exported head against the chain (detects a truncated tail).
	 * @param seq the exported head's event
	 * @param hash the exported head's hash
	 * @param auditor who asked
	 * @return the result
	 */
	public VerificationResult verifyHead(long seq, String hash, AuditActor auditor) {
		VerificationResult result = this.verifier.verifyContains(seq, hash.strip().toLowerCase());
		this.trail.recordAlone(AuditEntry
			.of(AuditAction.AUDIT_VERIFIED, result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, auditor)
			.detail("kind", "exported-head")
			.detail("headSeq", seq)
			.detail("result", result.summary())
			.build());
		return result;
	}

	static VerificationResult verifyAndRecord(boolean fromStart, AuditActor actor, AuditVerifier verifier,
			AuditCheckpoints checkpoints, AuditTrail trail, Clock clock) {
		AuditCheckpoints.Latest latest = fromStart ? new AuditCheckpoints.Latest(null, 0) : checkpoints.latest();
		AuditCheckpoints.@Nullable Checkpoint from = latest.checkpoint();
		if (latest.ignored() > 0) {
			// forged to make verification skip events, or older than the audit key
			logger.error("AUDIT CHECKPOINTS IGNORED: {} newer checkpoint(s) carry no valid MAC (forged, or written "
					+ "before the audit key was set); verifying from the last genuine one", latest.ignored());
		}
		VerificationResult result = (from != null) ? verifier.verify(from.seq(), from.hash())
				: verifier.verify(0, AuditChain.GENESIS);
		if (result.intact() && result.verifiedUpTo() > 0) {
			checkpoints.save(result.verifiedUpTo(), result.headHash(), clock.instant());
		}
		trail.recordAlone(AuditEntry
			.of(AuditAction.AUDIT_VERIFIED, result.intact() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, actor)
			.detail("kind", fromStart ? "full" : "incremental")
			.detail("fromSeq", result.fromSeq())
			.detail("verifiedUpTo", result.verifiedUpTo())
			.detail("firstBadSeq", result.firstBadSeq())
			.detail("result", result.summary())
			.detail("eventsChecked", result.eventsChecked())
			.detail("awaitingSealing", result.awaitingSealing())
			.detail("ignoredCheckpoints", (latest.ignored() > 0) ? latest.ignored() : null)
			.build());
		return result;
	}

	/**
	 * A page of search results.
	 *
	 * @param events the events, newest first
	 * @param nextBefore the {@code beforeId} of the next page, or {@code null} on the
	 * last
	 */
	public record AuditPage(List<AuditEvent> events, @Nullable Long nextBefore) {
	}

	/**
	 * The chain's head at a moment.
	 *
	 * @param seq the newest sealed event
	 * @param hash its hash
	 * @param at when it was read
	 * @param awaitingSealing how many events were appended but not yet sealed after it
	 */
	public record ChainHead(long seq, String hash, java.time.Instant at, long awaitingSealing) {
	}

}
