package dev.tokenportal.requests;

import java.util.List;
import java.util.UUID;

import dev.tokenportal.requests.TokenRequestView.ApprovalRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the Owners' decisions on a request from the {@code approval} table, which the
 * approvals feature writes; the request page only shows them.
 *
 * @author Token Portal team
 */
@Component
class RequestApprovalsQuery {

	private final JdbcTemplate jdbc;

	RequestApprovalsQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A request's decisions, oldest first.
	 * @param requestId the request
	 * @return the decisions
	 */
	@Transactional(readOnly = true)
	List<ApprovalRow> decisionsOn(UUID requestId) {
		return this.jdbc.query(
				"select approver_name, decision, reason, decided_at from approval where request_id = ? "
						+ "order by decided_at, id",
				(rs, row) -> new ApprovalRow(rs.getString("approver_name"), rs.getString("decision"),
						rs.getString("reason"), rs.getTimestamp("decided_at").toInstant()),
				requestId);
	}

}
