package dev.tokenportal.requests;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tokenportal.gitlab.GitLabResource;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
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
	 * on it happen one after the other.
	 * @param id the request
	 * @return the request
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from TokenRequest r where r.id = :id")
	Optional<TokenRequest> findByIdForUpdate(UUID id);

	TokenRequest save(TokenRequest request);

	List<TokenRequest> findByRequesterIdOrderByCreatedAtDesc(long requesterId);

	long countByRequesterIdAndStatusIn(long requesterId, Collection<TokenRequestStatus> statuses);

	List<TokenRequest> findByStatusOrderByCreatedAt(TokenRequestStatus status);

	List<TokenRequest> findByStatusAndRevokeAtLessThanEqualOrderByRevokeAt(TokenRequestStatus status, Instant at);

	List<TokenRequest> findByStatusInOrderByCreatedAtDesc(Collection<TokenRequestStatus> statuses);

	List<TokenRequest> findByStatusAndApprovalClockFromBefore(TokenRequestStatus status, Instant before);

	List<TokenRequest> findByStatusAndCreatedAtBeforeOrderByCreatedAt(TokenRequestStatus status, Instant before);

	/**
	 * Requests in the given states whose target path matches a {@code LIKE} pattern
	 * (lower case, backslash-escaped) and, unless {@code requester} is empty, of that
	 * requester; newest issue first.
	 */
	@Query("""
			select r from TokenRequest r
			where r.status in :statuses
			  and lower(r.targetPath) like :pathPattern escape '\\'
			  and (:requester = '' or lower(r.requesterUsername) = :requester)
			order by r.issuedAt desc, r.id""")
	Slice<TokenRequest> findForInventory(Collection<TokenRequestStatus> statuses, String pathPattern, String requester,
			Pageable pageable);

	List<TokenRequest> findByTargetTypeAndTargetId(GitLabResource targetType, long targetId);

}
