package dev.tokenportal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends events to the trail. {@link #record} joins the caller's transaction and refuses
 * to run without one, so an event commits with the change it records, or neither does
 * (fail closed). An event is appended as a leaf, without a lock and without reading the
 * chain's head, so audited writes never queue behind one another; {@link AuditSequencer}
 * gives it its place in the chain and its seal shortly after it commits.
 *
 * @author Token Portal team
 */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class AuditTrail {

	private static final int MAX_USER_AGENT = 512;

	static final RowMapper<AuditEvent> ROW_MAPPER = AuditTrail::mapRow;

	private final JdbcTemplate jdbc;

	private final AuditChain chain;

	private final Clock clock;

	private final AuditSequencer sequencer;

	private final boolean sealInline;

	AuditTrail(JdbcTemplate jdbc, AuditChain chain, Clock clock, AuditSequencer sequencer, AuditProperties properties) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.clock = clock;
		this.sequencer = sequencer;
		this.sealInline = properties.sealInline();
	}

	/**
	 * Appends an event inside the caller's transaction, as a leaf that the sequencer
	 * seals once the transaction has committed.
	 * @param entry the event
	 * @return the stored leaf, with its append id but not yet its place in the chain
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public AuditEvent record(AuditEntry entry) {
		AuditEvent leaf = complete(entry);
		long id = insert(leaf, this.chain.leafMac(leaf));
		if (this.sealInline) {
			sealInline();
		}
		return new AuditEvent(null, leaf.eventId(), leaf.occurredAt(), leaf.actorId(), leaf.actorUsername(),
				leaf.clientIp(), leaf.userAgent(), leaf.correlationId(), leaf.action(), leaf.outcome(),
				leaf.targetType(), leaf.targetId(), leaf.targetPath(), leaf.requestId(), leaf.gitlabTokenId(),
				leaf.tokenFingerprint(), leaf.details(), null, null, leaf.hashAlg(), id);
	}

	/**
	 * Appends an event in a transaction of its own, for events that are the whole action
	 * (a sign-in, a refused attempt).
	 * @param entry the event
	 * @return the stored event
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public AuditEvent recordAlone(AuditEntry entry) {
		return record(entry);
	}

	/**
	 * A request's events, oldest first, sealed or not (in the order they were appended).
	 * @param requestId the token request
	 * @return its events
	 */
	@Transactional(readOnly = true)
	public List<AuditEvent> eventsOfRequest(UUID requestId) {
		return this.jdbc.query("select * from audit_event where request_id = ? order by id", ROW_MAPPER, requestId);
	}

	private AuditEvent complete(AuditEntry entry) {
		HttpServletRequest request = currentRequest();
		return new AuditEvent(null, UUID.randomUUID(), this.clock.instant().truncatedTo(ChronoUnit.MICROS),
				entry.actor().gitlabUserId(), entry.actor().username(),
				(request != null) ? request.getRemoteAddr() : null,
				(request != null) ? truncate(request.getHeader("User-Agent")) : null, MDC.get("correlationId"),
				entry.action().key(), entry.outcome().name(), entry.targetType(), entry.targetId(), entry.targetPath(),
				entry.requestId(), entry.gitlabTokenId(), entry.tokenFingerprint(),
				AuditChain.canonicalDetails(entry.details()), null, null, AuditChain.KEYED, 0);
	}

	private long insert(AuditEvent e, String leafMac) {
		// the MAC is computed in memory: the key adds no round trip to the append
		Long id = this.jdbc.queryForObject("insert into audit_event (event_id, occurred_at, actor_id, actor_username, "
				+ "client_ip, user_agent, correlation_id, action, outcome, target_type, target_id, target_path, "
				+ "request_id, gitlab_token_id, token_fingerprint, details, hash_alg, leaf_mac) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id", Long.class, e.eventId(),
				Timestamp.from(e.occurredAt()), e.actorId(), e.actorUsername(), e.clientIp(), e.userAgent(),
				e.correlationId(), e.action(), e.outcome(), e.targetType(), e.targetId(), e.targetPath(), e.requestId(),
				e.gitlabTokenId(), e.tokenFingerprint(), e.details(), e.hashAlg(), leafMac);
		return Objects.requireNonNull(id);
	}

	private void sealInline() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			// no transaction of Spring's (a trail built by hand): the insert has
			// committed
			this.sequencer.sealPending();
			return;
		}
		// in the appending transaction itself, which holds the sealer's lock until it
		// commits: a second connection per commit would starve the pool under load
		this.sequencer.sealInCurrentTransaction();
	}

	/**
	 * An event with its place in the chain.
	 * @param e the leaf
	 * @param seq its place
	 * @param prevHash the hash of the event before it
	 * @param hash its seal
	 * @return the sealed event
	 */
	static AuditEvent placed(AuditEvent e, long seq, String prevHash, String hash) {
		return new AuditEvent(seq, e.eventId(), e.occurredAt(), e.actorId(), e.actorUsername(), e.clientIp(),
				e.userAgent(), e.correlationId(), e.action(), e.outcome(), e.targetType(), e.targetId(), e.targetPath(),
				e.requestId(), e.gitlabTokenId(), e.tokenFingerprint(), e.details(), prevHash, hash, e.hashAlg(),
				e.id());
	}

	private static @Nullable HttpServletRequest currentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest();
		}
		return null;
	}

	private static @Nullable String truncate(@Nullable String userAgent) {
		return (userAgent == null || userAgent.length() <= MAX_USER_AGENT) ? userAgent
				: userAgent.substring(0, MAX_USER_AGENT);
	}

	private static AuditEvent mapRow(ResultSet rs, int row) throws SQLException {
		return new AuditEvent((Long) rs.getObject("seq", Long.class), rs.getObject("event_id", UUID.class),
				rs.getTimestamp("occurred_at").toInstant(), (Long) rs.getObject("actor_id", Long.class),
				rs.getString("actor_username"), rs.getString("client_ip"), rs.getString("user_agent"),
				rs.getString("correlation_id"), rs.getString("action"), rs.getString("outcome"),
				rs.getString("target_type"), (Long) rs.getObject("target_id", Long.class), rs.getString("target_path"),
				rs.getObject("request_id", UUID.class), (Long) rs.getObject("gitlab_token_id", Long.class),
				rs.getString("token_fingerprint"), rs.getString("details"), rs.getString("prev_hash"),
				rs.getString("hash"), rs.getString("hash_alg"), rs.getLong("id"));
	}

}
