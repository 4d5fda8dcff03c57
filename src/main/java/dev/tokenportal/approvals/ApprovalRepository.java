package dev.tokenportal.approvals;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.repository.Repository;

/**
 * Owners' decisions on requests.
 *
 * @author Token Portal team
 */
interface ApprovalRepository extends Repository<Approval, Long> {

	/**
	 * Inserts at once, so a second decision by the same Owner fails on the unique
	 * constraint inside the deciding transaction rather than at commit.
	 * @param approval the decision
	 * @return the saved decision
	 */
	Approval saveAndFlush(Approval approval);

	Optional<Approval> findByRequestIdAndApproverId(UUID requestId, long approverId);

	long countByRequestIdAndDecision(UUID requestId, ApprovalDecision decision);

	List<Approval> findByRequestIdOrderByDecidedAt(UUID requestId);

	List<Approval> findByRequestIdIn(Collection<UUID> requestIds);

}
