package dev.tokenportal.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.VariableDestination;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code token_delivery}, in short transactions of its own when called outside one (a
 * write's start and failure) and in the caller's otherwise (the record of a token).
 *
 * @author Token Portal team
 */
@Repository
class DeliveryRecords {

	private static final String COLUMNS = "id, request_id, gitlab_token_id, owner_type, owner_id, owner_path, "
			+ "variable_key, environment_scope, protected_only, hidden, method, state, started_at, delivered_at";

	private final JdbcTemplate jdbc;

	DeliveryRecords(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	UUID started(UUID requestId, long gitlabTokenId, VariableDestination destination, String method, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"insert into token_delivery (id, request_id, gitlab_token_id, owner_type, owner_id, "
						+ "owner_path, variable_key, environment_scope, protected_only, method, state, started_at) "
						+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)",
				id, requestId, gitlabTokenId, destination.owner().resource().name(), destination.owner().id(),
				destination.owner().fullPath(), destination.key(), destination.environmentScope(),
				destination.protectedOnly(), method, Timestamp.from(now));
		return id;
	}

	@Transactional
	void ended(UUID id, DeliveryRecord.State state, Instant now, @Nullable String by) {
		this.jdbc.update("update token_delivery set state = ?, ended_at = ?, ended_by = ? where id = ?", state.name(),
				Timestamp.from(now), by, id);
	}

	@Transactional
	void delivered(UUID id, boolean hidden, Instant now) {
		this.jdbc.update("update token_delivery set state = 'DELIVERED', hidden = ?, delivered_at = ? where id = ?",
				hidden, Timestamp.from(now), id);
	}

	@Transactional(readOnly = true)
	Optional<DeliveryRecord> find(UUID id) {
		return this.jdbc.query("select " + COLUMNS + " from token_delivery where id = ?", DeliveryRecords::row, id)
			.stream()
			.findFirst();
	}

	@Transactional(readOnly = true)
	List<DeliveryRecord> of(UUID requestId, DeliveryRecord.State state) {
		return this.jdbc.query("select " + COLUMNS + " from token_delivery where request_id = ? and state = ? "
				+ "order by started_at", DeliveryRecords::row, requestId, state.name());
	}

	@Transactional(readOnly = true)
	List<DeliveryRecord> ofToken(UUID requestId, long gitlabTokenId, DeliveryRecord.State state) {
		return this.jdbc.query(
				"select " + COLUMNS + " from token_delivery where request_id = ? "
						+ "and gitlab_token_id = ? and state = ?",
				DeliveryRecords::row, requestId, gitlabTokenId, state.name());
	}

	@Transactional(readOnly = true)
	List<DeliveryRecord> pendingSince(Instant before) {
		return this.jdbc.query("select " + COLUMNS + " from token_delivery where state = 'PENDING' "
				+ "and started_at < ? order by started_at", DeliveryRecords::row, Timestamp.from(before));
	}

	private static DeliveryRecord row(ResultSet rs, int row) throws SQLException {
		Timestamp delivered = rs.getTimestamp("delivered_at");
		Object hidden = rs.getObject("hidden");
		return new DeliveryRecord(rs.getObject("id", UUID.class), rs.getObject("request_id", UUID.class),
				rs.getLong("gitlab_token_id"),
				DeliveryRecord.owner(rs.getString("owner_type"), rs.getLong("owner_id"), rs.getString("owner_path")),
				rs.getString("variable_key"), rs.getString("environment_scope"), rs.getBoolean("protected_only"),
				(hidden != null) ? (Boolean) hidden : null, rs.getString("method"),
				DeliveryRecord.State.valueOf(rs.getString("state")), rs.getTimestamp("started_at").toInstant(),
				(delivered != null) ? delivered.toInstant() : null);
	}

}
