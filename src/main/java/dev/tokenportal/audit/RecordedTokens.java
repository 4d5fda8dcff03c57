package dev.tokenportal.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The GitLab token ids the portal itself recorded making or finding for its requests:
 * what tells a portal token from one that only carries a portal-like name.
 *
 * @author Token Portal team
 */
@Service
public class RecordedTokens {

	/** The events in which the portal records a token id of its own request. */
	private static final List<String> RECORDING_ACTIONS = List.of(AuditAction.ISSUANCE_SUCCEEDED.key(),
			AuditAction.TOKEN_ROTATED.key(), AuditAction.RECONCILIATION_TOKEN_FOUND.key(),
			AuditAction.RECONCILIATION_TOKEN_REVOKED.key(), AuditAction.ISSUANCE_FAILED.key());

	private final JdbcTemplate jdbc;

	RecordedTokens(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The requests the portal recorded each of these GitLab tokens for, in one query.
	 * @param gitlabTokenIds the ids GitLab lists
	 * @return token id to request ids, for the ids the portal recorded; others are absent
	 */
	@Transactional(readOnly = true)
	public Map<Long, Set<UUID>> requestsOf(Collection<Long> gitlabTokenIds) {
		Map<Long, Set<UUID>> recorded = new HashMap<>();
		if (gitlabTokenIds.isEmpty()) {
			return recorded;
		}
		this.jdbc.query(
				"select distinct gitlab_token_id, request_id from audit_event "
						+ "where gitlab_token_id = any(?) and request_id is not null and action = any(?)",
				(java.sql.ResultSet rs) -> {
					recorded.computeIfAbsent(rs.getLong(1), (id) -> new HashSet<>()).add(rs.getObject(2, UUID.class));
				}, gitlabTokenIds.toArray(Long[]::new), RECORDING_ACTIONS.toArray(String[]::new));
		return recorded;
	}

	/**
	 * The fingerprint the trail recorded with a token of a request, when it was made or
	 * rotated.
	 * @param requestId the request
	 * @param gitlabTokenId the token
	 * @return the fingerprint, or {@code null} if none was recorded
	 */
	@Nullable String fingerprintOf(UUID requestId, long gitlabTokenId) {
		return this.jdbc
			.query("select token_fingerprint from audit_event where request_id = ? and gitlab_token_id = ? "
					+ "and token_fingerprint is not null order by id desc limit 1", (rs, row) -> rs.getString(1),
					requestId, gitlabTokenId)
			.stream()
			.findFirst()
			.orElse(null);
	}

}
