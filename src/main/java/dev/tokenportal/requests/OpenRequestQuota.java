package dev.tokenportal.requests;

import java.util.List;

import dev.tokenportal.limits.LimitsProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many requests a user may have open at once (security.md 8.8). The count is taken
 * under a per-user transaction lock, so ten parallel submissions by one user, on any
 * number of instances, cannot slip past it together.
 *
 * @author Token Portal team
 */
@Component
class OpenRequestQuota {

	/** The states in which a request still occupies one of the requester's places. */
	static final List<TokenRequestStatus> OPEN = List.of(TokenRequestStatus.PENDING_APPROVAL,
			TokenRequestStatus.APPROVED, TokenRequestStatus.ISSUING, TokenRequestStatus.ISSUE_UNKNOWN);

	/** First key of the two-key advisory lock space, so no other lock shares it. */
	private static final int LOCK_NAMESPACE = 0x6f70656e;

	private final JdbcTemplate jdbc;

	private final TokenRequestRepository requests;

	private final LimitsProperties limits;

	OpenRequestQuota(JdbcTemplate jdbc, TokenRequestRepository requests, LimitsProperties limits) {
		this.jdbc = jdbc;
		this.requests = requests;
		this.limits = limits;
	}

	/**
	 * Locks the requester's quota until the caller's transaction ends and checks that
	 * there is room for one more request.
	 * @param requesterId the requester's GitLab id
	 * @throws OpenRequestLimitException when every place is taken
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void claimPlace(long requesterId) {
		this.jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, LOCK_NAMESPACE,
				(int) (requesterId ^ (requesterId >>> 32)));
		long open = this.requests.countByRequesterIdAndStatusIn(requesterId, OPEN);
		if (open >= this.limits.openRequestsPerUser()) {
			throw new OpenRequestLimitException(this.limits.openRequestsPerUser());
		}
	}

}
