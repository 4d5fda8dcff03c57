package dev.tokenportal.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends events to the trail. {@link #record} joins the caller's transaction and refuses
 * to run without one, so an event commits with the change it records, or neither does
 * (fail closed).
 *
 * @author Token Portal team
 */
@Service
@EnableConfigurationProperties(AuditProperties.class)
public class AuditTrail {

	/** Serialises appends across every instance sharing the database. */
	static final long CHAIN_LOCK = 0x746f6b656e4175L;

	private static final int MAX_USER_AGENT = 512;

	static final RowMapper<AuditEvent> ROW_MAPPER = AuditTrail::mapRow;

	private final JdbcTemplate jdbc;

	private final AuditChain chain;

	private final Clock clock;

	AuditTrail(JdbcTemplate jdbc, AuditChain chain, Clock clock) {
		this.jdbc = jdbc;
		this.chain = chain;
		this.clock = clock;
	}

	/**
	 * Appends an event inside the caller's transaction.
	 * @param entry the event
	 * @return the stored event with its place in the chain
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public AuditEvent record(AuditEntry entry) {
		// held until the transaction ends: one appender at a time, so seq has no gaps and
		// every event links to the one before it
		this.jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
		List<Object[]> head = this.jdbc.query("select seq, hash from audit_event order by seq desc limit 1",
				(rs, row) -> new Object[] { rs.getLong(1), rs.getString(2) });
		long seq = head.isEmpty() ? 1 : (long) head.get(0)[0] + 1;
		String prevHash = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0)[1];
		AuditEvent event = complete(entry, seq, prevHash);
		insert(event);
		return event;
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
	 * A request's events, oldest first.
	 * @param requestId the token request
	 * @return its events
	 */
	@Transactional(readOnly = true)
	public List<AuditEvent> eventsOfRequest(UUID requestId) {
		return this.jdbc.query("select * from audit_event where request_id = ? order by seq", ROW_MAPPER, requestId);
	}

	private AuditEvent complete(AuditEntry entry, long seq, String prevHash) {
		HttpServletRequest request = currentRequest();
		AuditEvent unsigned = new AuditEvent(seq, UUID.randomUUID(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), entry.actor().gitlabUserId(),
				entry.actor().username(), (request != null) ? request.getRemoteAddr() : null,
				(request != null) ? truncate(request.getHeader("User-Agent")) : null, MDC.get("correlationId"),
				entry.action().key(), entry.outcome().name(), entry.targetType(), entry.targetId(), entry.targetPath(),
				entry.requestId(), entry.gitlabTokenId(), entry.tokenFingerprint(),
				AuditChain.canonicalDetails(entry.details()), prevHash, "", AuditChain.KEYED);
		// sealed in memory: the key adds no round trip to the append
		return withHash(unsigned, this.chain.seal(unsigned));
	}

	private void insert(AuditEvent e) {
		this.jdbc.update("insert into audit_event (seq, event_id, occurred_at, actor_id, actor_username, client_ip, "
				+ "user_agent, correlation_id, action, outcome, target_type, target_id, target_path, request_id, "
				+ "gitlab_token_id, token_fingerprint, details, prev_hash, hash, hash_alg) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.seq(), e.eventId(),
				Timestamp.from(e.occurredAt()), e.actorId(), e.actorUsername(), e.clientIp(), e.userAgent(),
				e.correlationId(), e.action(), e.outcome(), e.targetType(), e.targetId(), e.targetPath(), e.requestId(),
				e.gitlabTokenId(), e.tokenFingerprint(), e.details(), e.prevHash(), e.hash(), e.hashAlg());
	}

	private static AuditEvent withHash(AuditEvent e, String hash) {
		return new AuditEvent(e.seq(), e.eventId(), e.occurredAt(), e.actorId(), e.actorUsername(), e.clientIp(),
				e.userAgent(), e.correlationId(), e.action(), e.outcome(), e.targetType(), e.targetId(), e.targetPath(),
				e.requestId(), e.gitlabTokenId(), e.tokenFingerprint(), e.details(), e.prevHash(), hash, e.hashAlg());
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
		return new AuditEvent(rs.getLong("seq"), rs.getObject("event_id", UUID.class),
				rs.getTimestamp("occurred_at").toInstant(), (Long) rs.getObject("actor_id", Long.class),
				rs.getString("actor_username"), rs.getString("client_ip"), rs.getString("user_agent"),
				rs.getString("correlation_id"), rs.getString("action"), rs.getString("outcome"),
				rs.getString("target_type"), (Long) rs.getObject("target_id", Long.class), rs.getString("target_path"),
				rs.getObject("request_id", UUID.class), (Long) rs.getObject("gitlab_token_id", Long.class),
				rs.getString("token_fingerprint"), rs.getString("details"), rs.getString("prev_hash"),
				rs.getString("hash"), rs.getString("hash_alg"));
	}

}
