package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tokenportal.gitlab.GitLabResource;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import jakarta.persistence.LockModeType;

/**
 * Token requests.
 *
 * @author Token Portal team
 */
interface TokenRequestRepository extends Repository<TokenRequest, UUID> {

	Optional<TokenRequest> findById(UUID id);

	/**
	 * The request, locked for the rest of the transaction, so that concurrent decisions
	 * on it happen one after the other. Derived rather than a JPQL string: the portal's
	 * only JPQL query made Spring Data warm up its HQL parser during start-up (issue 10).
	 * @param id the request
	 * @return the request
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<TokenRequest> findForUpdateById(UUID id);

	TokenRequest save(TokenRequest request);

	List<TokenRequest> findByRequesterIdOrderByCreatedAtDesc(long requesterId);

	long countByRequesterIdAndStatusIn(long requesterId, Collection<TokenRequestStatus> statuses);

	List<TokenRequest> findByStatusOrderByCreatedAt(TokenRequestStatus status);

	List<TokenRequest> findByStatusAndRevokeAtLessThanEqualOrderByRevokeAt(TokenRequestStatus status, Instant at);

	List<TokenRequest> findByStatusInOrderByCreatedAtDesc(Collection<TokenRequestStatus> statuses);

	List<TokenRequest> findByStatusAndApprovalClockFromBefore(TokenRequestStatus status, Instant before);

	List<TokenRequest> findByStatusAndCreatedAtBeforeOrderByCreatedAt(TokenRequestStatus status, Instant before);

	List<TokenRequest> findByTargetTypeAndTargetId(GitLabResource targetType, long targetId);

	/**
	 * A page of one requester's requests, newest first, after a cursor; the patterns are
	 * lower case {@code ILIKE} patterns ({@code %} for all). Served by
	 * {@code token_request_requester_page_idx}: the cursor is an index condition, so
	 * every page costs the same.
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.requester_id = :requester
			  and r.status in (:statuses)
			  and r.target_path ilike :target escape '\\'
			  and (r.token_name ilike :text escape '\\' or r.justification ilike :text escape '\\')
			  and (r.created_at, r.id) < (:afterAt, :afterId)
			order by r.created_at desc, r.id desc
			limit :limit""")
	List<TokenRequest> findPageOfRequester(long requester, Collection<String> statuses, String target, String text,
			Instant afterAt, UUID afterId, int limit);

	/**
	 * A page of pending requests on the given projects and groups, not the viewer's own
	 * (and, if asked, not decided by the viewer yet), oldest first, after a cursor.
	 * Served by {@code token_request_pending_idx}. An empty set of ids is passed as
	 * {@code -1}, which no GitLab id is.
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.status = 'PENDING_APPROVAL'
			  and r.requester_id <> :viewer
			  and ((r.target_type = 'PROJECT' and r.target_id in (:projects))
			    or (r.target_type = 'GROUP' and r.target_id in (:groups)))
			  and (not :undecidedOnly or not exists (select 1 from approval a
			    where a.request_id = r.id and a.approver_id = :viewer))
			  and r.target_path ilike :target escape '\\'
			  and (r.token_name ilike :text escape '\\' or r.justification ilike :text escape '\\'
			    or r.requester_username ilike :text escape '\\')
			  and (r.created_at, r.id) > (:afterAt, :afterId)
			order by r.created_at, r.id
			limit :limit""")
	List<TokenRequest> findPendingOn(Collection<Long> projects, Collection<Long> groups, long viewer,
			boolean undecidedOnly, String target, String text, Instant afterAt, UUID afterId, int limit);

	/**
	 * The newest pending requests on the given projects and groups that wait for the
	 * viewer's decision: not their own, not decided by them.
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.status = 'PENDING_APPROVAL'
			  and r.requester_id <> :viewer
			  and ((r.target_type = 'PROJECT' and r.target_id in (:projects))
			    or (r.target_type = 'GROUP' and r.target_id in (:groups)))
			  and not exists (select 1 from approval a where a.request_id = r.id and a.approver_id = :viewer)
			order by r.created_at desc, r.id desc
			limit :limit""")
	List<TokenRequest> findNewestUndecidedOn(Collection<Long> projects, Collection<Long> groups, long viewer,
			int limit);

	/**
	 * How many pending requests on the given projects and groups wait for the viewer's
	 * decision: not their own, not decided by them.
	 */
	@Query(nativeQuery = true, value = """
			select count(*) from token_request r
			where r.status = 'PENDING_APPROVAL'
			  and r.requester_id <> :viewer
			  and ((r.target_type = 'PROJECT' and r.target_id in (:projects))
			    or (r.target_type = 'GROUP' and r.target_id in (:groups)))
			  and not exists (select 1 from approval a where a.request_id = r.id and a.approver_id = :viewer)""")
	long countUndecidedOn(Collection<Long> projects, Collection<Long> groups, long viewer);

	/**
	 * The projects and groups with requests of someone other than the viewer waiting for
	 * approval, the longest waiting first.
	 */
	@Query(nativeQuery = true, value = """
			select r.target_type as type, r.target_id as id, min(r.target_path) as path from token_request r
			where r.status = 'PENDING_APPROVAL' and r.requester_id <> :viewer
			group by r.target_type, r.target_id
			order by min(r.created_at), r.target_type, r.target_id
			limit :limit""")
	List<PendingTargetRow> findPendingTargets(long viewer, int limit);

	/**
	 * A row of {@link #findPendingTargets}.
	 */
	interface PendingTargetRow {

		String getType();

		long getId();

		String getPath();

	}

	/**
	 * A page of issued (and since revoked or expired) requests for the auditors'
	 * inventory, newest issue first, after a cursor. Served by
	 * {@code token_request_issued_page_idx}.
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.status in (:statuses)
			  and r.issued_at is not null
			  and lower(r.target_path) like :pathPattern escape '\\'
			  and (:requester = '' or lower(r.requester_username) = :requester)
			  and (r.issued_at, r.id) < (:afterAt, :afterId)
			order by r.issued_at desc, r.id desc
			limit :limit""")
	List<TokenRequest> findIssuedPage(Collection<String> statuses, String pathPattern, String requester,
			Instant afterAt, UUID afterId, int limit);

	/**
	 * A requester's requests that want them now: granted, being checked, waiting, or
	 * issued with a token that ends on or before {@code soon}; most urgent first.
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.requester_id = :requester
			  and (r.status in ('APPROVED', 'ISSUING', 'ISSUE_UNKNOWN', 'PENDING_APPROVAL')
			    or (r.status = 'ISSUED' and coalesce(r.issued_expires_on, r.expires_on) <= :soon))
			order by case r.status when 'ISSUED' then 0 when 'APPROVED' then 1
			    when 'PENDING_APPROVAL' then 3 else 2 end,
			  case when r.status = 'ISSUED' then coalesce(r.issued_expires_on, r.expires_on) end,
			  r.approval_clock_from, r.created_at, r.id
			limit :limit""")
	List<TokenRequest> findWantingAttention(long requester, LocalDate soon, int limit);

	/**
	 * A requester's tokens on one target that are in use: issued and not past their end,
	 * besides one request; the soonest to end first (token_request_target_idx).
	 */
	@Query(nativeQuery = true, value = """
			select r.* from token_request r
			where r.target_type = :targetType and r.target_id = :targetId and r.status = 'ISSUED'
			  and r.requester_id = :requester and r.id <> :besides
			  and coalesce(r.issued_expires_on, r.expires_on) >= :today
			order by coalesce(r.issued_expires_on, r.expires_on), r.id
			limit :limit""")
	List<TokenRequest> findActiveTokensOn(String targetType, long targetId, long requester, UUID besides,
			LocalDate today, int limit);

}
