package dev.tokenportal.approvals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What waits for one Owner's decision, cheap enough for every page: the approval queue's
 * eligibility (pending, on a project or group GitLab says they own, inherited ownership
 * included, not their own), less what they already decided. GitLab is asked about the
 * targets of those requests only, and its answers remembered for a short while
 * ({@link TargetOwnership}); no pending request from someone else costs no GitLab call at
 * all.
 *
 * @author Token Portal team
 */
@Service
public class AwaitingDecisions {

	private static final Logger logger = LoggerFactory.getLogger(AwaitingDecisions.class);

	private final TokenRequestService requests;

	private final ApprovalRepository approvals;

	private final TargetOwnership owned;

	AwaitingDecisions(TokenRequestService requests, ApprovalRepository approvals, TargetOwnership owned) {
		this.requests = requests;
		this.approvals = approvals;
		this.owned = owned;
	}

	/**
	 * The requests waiting for the viewer's decision, oldest first; none when GitLab
	 * cannot say what they own (the approvals page says why).
	 * @param viewer the signed-in user
	 * @return the requests
	 */
	@PreAuthorize("hasRole('USER')")
	public List<AwaitingDecision> waitingFor(CurrentUser viewer) {
		List<TokenRequest> pending = this.requests.inStatus(TokenRequestStatus.PENDING_APPROVAL)
			.stream()
			.filter((request) -> !request.isRequestedBy(viewer.gitlabUserId()))
			.toList();
		if (pending.isEmpty()) {
			return List.of();
		}
		List<TokenRequest> owned;
		try {
			owned = this.owned.ownedBy(viewer.gitlabUserId(), pending);
		}
		catch (GitLabException ex) {
			logger.debug("Could not ask GitLab what {} owns: {}", viewer.username(), ex.getMessage());
			return List.of();
		}
		return undecided(owned, viewer);
	}

	/**
	 * How many requests wait for the viewer's decision.
	 * @param viewer the signed-in user
	 * @return the number, 0 when GitLab cannot say what they own
	 */
	@PreAuthorize("hasRole('USER')")
	public int countWaitingFor(CurrentUser viewer) {
		return waitingFor(viewer).size();
	}

	private List<AwaitingDecision> undecided(List<TokenRequest> owned, CurrentUser viewer) {
		if (owned.isEmpty()) {
			return List.of();
		}
		List<Approval> decisions = this.approvals.findByRequestIdIn(owned.stream().map(TokenRequest::getId).toList());
		Set<UUID> decidedByViewer = decisions.stream()
			.filter((decision) -> decision.getApproverId() == viewer.gitlabUserId())
			.map(Approval::getRequestId)
			.collect(Collectors.toSet());
		Map<UUID, Long> approved = decisions.stream()
			.filter((decision) -> decision.getDecision() == ApprovalDecision.APPROVED)
			.collect(Collectors.groupingBy(Approval::getRequestId, Collectors.counting()));
		return owned.stream()
			.filter((request) -> !decidedByViewer.contains(request.getId()))
			.map((request) -> AwaitingDecision.of(request, approved.getOrDefault(request.getId(), 0L)))
			.toList();
	}

}
