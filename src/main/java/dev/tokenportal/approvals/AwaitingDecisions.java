package dev.tokenportal.approvals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.OwnedTargets;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
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
	 * The newest requests waiting for the viewer's decision, newest first, so that what
	 * just arrived is seen (the approvals page lists them all, oldest first); none when
	 * GitLab cannot say what they own (the approvals page says why).
	 * @param viewer the signed-in user
	 * @param limit the most requests returned
	 * @return the requests
	 */
	@PreAuthorize("hasRole('USER')")
	public List<AwaitingDecision> waitingFor(CurrentUser viewer, int limit) {
		OwnedTargets targets = ownedBy(viewer);
		if (targets == null) {
			return List.of();
		}
		List<TokenRequest> page = this.requests.newestUndecidedOn(targets, viewer.gitlabUserId(), limit);
		if (page.isEmpty()) {
			return List.of();
		}
		Map<UUID, Long> approved = this.approvals.findByRequestIdIn(page.stream().map(TokenRequest::getId).toList())
			.stream()
			.filter((decision) -> decision.getDecision() == ApprovalDecision.APPROVED)
			.collect(Collectors.groupingBy(Approval::getRequestId, Collectors.counting()));
		return page.stream()
			.map((request) -> AwaitingDecision.of(request, approved.getOrDefault(request.getId(), 0L)))
			.toList();
	}

	/**
	 * How many requests wait for the viewer's decision, counted in SQL.
	 * @param viewer the signed-in user
	 * @return the number, 0 when GitLab cannot say what they own
	 */
	@PreAuthorize("hasRole('USER')")
	public int countWaitingFor(CurrentUser viewer) {
		OwnedTargets targets = ownedBy(viewer);
		return (targets != null) ? Math.toIntExact(this.requests.countUndecidedOn(targets, viewer.gitlabUserId())) : 0;
	}

	/**
	 * What the viewer owns among the targets of others' pending requests (none pending:
	 * nothing, and GitLab is not asked), or {@code null} when GitLab cannot say.
	 */
	private @Nullable OwnedTargets ownedBy(CurrentUser viewer) {
		try {
			return this.owned.amongPending(viewer.gitlabUserId());
		}
		catch (GitLabException ex) {
			logger.debug("Could not list what {} owns in GitLab: {}", viewer.username(), ex.getMessage());
			return null;
		}
	}

}
