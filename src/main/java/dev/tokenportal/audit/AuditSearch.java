package dev.tokenportal.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A search of the trail: every filter optional, newest first, keyset pagination by the
 * append id, so that events not sealed yet are found too (no OFFSET, so page 1,000 costs
 * what page 1 costs).
 *
 * @param actor a GitLab username, exactly
 * @param action an action key, e.g. {@code request.approved}
 * @param outcome an outcome name
 * @param targetPath a target path prefix, e.g. {@code platform/backend}
 * @param requestId a token request
 * @param gitlabTokenId a GitLab token id
 * @param from events at or after this time
 * @param to events before this time
 * @param beforeId only events appended before this one (the next page)
 * @author Token Portal team
 */
public record AuditSearch(@Nullable String actor, @Nullable String action, @Nullable String outcome,
		@Nullable String targetPath, @Nullable UUID requestId, @Nullable Long gitlabTokenId, @Nullable Instant from,
		@Nullable Instant to, @Nullable Long beforeId) {

	/** No filter: the newest events. */
	public static final AuditSearch ALL = new AuditSearch(null, null, null, null, null, null, null, null, null);

	/**
	 * The same search from an older event on.
	 * @param id the append id of the last event of the previous page
	 * @return the next page's search
	 */
	public AuditSearch before(long id) {
		return new AuditSearch(this.actor, this.action, this.outcome, this.targetPath, this.requestId,
				this.gitlabTokenId, this.from, this.to, id);
	}

	/**
	 * The SQL condition and its parameters; values are always bound, never spliced.
	 * @return the where clause (without {@code where}) and the parameters
	 */
	Condition condition() {
		List<String> clauses = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		add(clauses, parameters, "actor_username = ?", blankToNull(this.actor));
		add(clauses, parameters, "action = ?", blankToNull(this.action));
		add(clauses, parameters, "outcome = ?", blankToNull(this.outcome));
		String prefix = blankToNull(this.targetPath);
		add(clauses, parameters, "target_path like ? escape '\\'", (prefix != null) ? escapeLike(prefix) + "%" : null);
		add(clauses, parameters, "request_id = ?", this.requestId);
		add(clauses, parameters, "gitlab_token_id = ?", this.gitlabTokenId);
		add(clauses, parameters, "occurred_at >= ?", (this.from != null) ? java.sql.Timestamp.from(this.from) : null);
		add(clauses, parameters, "occurred_at < ?", (this.to != null) ? java.sql.Timestamp.from(this.to) : null);
		add(clauses, parameters, "id < ?", this.beforeId);
		return new Condition(clauses.isEmpty() ? "true" : String.join(" and ", clauses), parameters.toArray());
	}

	/**
	 * The same condition with every value written as a literal, for PostgreSQL's COPY,
	 * which takes no bind parameters. Strings are escaped by the PostgreSQL driver's own
	 * literal escaping; the other values are typed (numbers, UUIDs, instants).
	 * @return the where clause with literals
	 */
	String literalCondition() {
		Condition condition = condition();
		String[] parts = condition.sql().split("\\?", -1);
		StringBuilder sql = new StringBuilder(parts[0]);
		for (int i = 0; i < condition.parameters().length; i++) {
			sql.append(literal(condition.parameters()[i])).append(parts[i + 1]);
		}
		return sql.toString();
	}

	private static String literal(Object value) {
		if (value instanceof Number number) {
			return number.toString();
		}
		if (value instanceof UUID uuid) {
			return "'" + uuid + "'::uuid";
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return "'" + timestamp.toInstant() + "'::timestamptz";
		}
		try {
			return "'" + org.postgresql.core.Utils.escapeLiteral(null, value.toString(), true) + "'";
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalArgumentException("Cannot search for that text", ex);
		}
	}

	/**
	 * The filters that were set, for the audit event that records the search.
	 * @return filter name to value
	 */
	public Map<String, Object> describe() {
		Map<String, Object> filters = new LinkedHashMap<>();
		put(filters, "actor", blankToNull(this.actor));
		put(filters, "action", blankToNull(this.action));
		put(filters, "outcome", blankToNull(this.outcome));
		put(filters, "targetPath", blankToNull(this.targetPath));
		put(filters, "requestId", (this.requestId != null) ? this.requestId.toString() : null);
		put(filters, "gitlabTokenId", this.gitlabTokenId);
		put(filters, "from", (this.from != null) ? this.from.toString() : null);
		put(filters, "to", (this.to != null) ? this.to.toString() : null);
		return filters;
	}

	private static void add(List<String> clauses, List<Object> parameters, String clause, @Nullable Object value) {
		if (value != null) {
			clauses.add(clause);
			parameters.add(value);
		}
	}

	private static void put(Map<String, Object> filters, String key, @Nullable Object value) {
		if (value != null) {
			filters.put(key, value);
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A where clause with its bound parameters.
	 *
	 * @param sql the clause
	 * @param parameters the values, in order
	 */
	record Condition(String sql, Object[] parameters) {
	}

}
