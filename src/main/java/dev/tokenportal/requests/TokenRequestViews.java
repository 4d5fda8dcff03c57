package dev.tokenportal.requests;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.stereotype.Service;

/**
 * Who may see a request, and what they see: the request itself, the Owners' decisions and
 * its history from the audit trail. The requester and auditors always may; anyone else
 * only while GitLab says they are an effective Owner of the target. Everyone else is told
 * there is no such request ({@link RequestAccess}).
 *
 * @author Token Portal team
 */
@Service
public class TokenRequestViews {

	/** Requests on a page of "My requests". */
	public static final int PAGE_SIZE = 50;

	private static final Logger logger = LoggerFactory.getLogger(TokenRequestViews.class);

	private final TokenRequestService tokenRequests;

	private final GitLabTokenClient gitlab;

	private final RequestHistory history;

	private final RequestApprovalsQuery approvals;

	private final RequestAccess access;

	TokenRequestViews(TokenRequestService tokenRequests, GitLabTokenClient gitlab, RequestHistory history,
			RequestApprovalsQuery approvals, RequestAccess access) {
		this.tokenRequests = tokenRequests;
		this.gitlab = gitlab;
		this.history = history;
		this.approvals = approvals;
		this.access = access;
	}

	/**
	 * A request as one viewer may see it.
	 * @param id the request
	 * @param viewer who looks
	 * @return the view
	 * @throws TokenRequestNotFoundException when there is no such request or the viewer
	 * may not see it (the refusal is audited)
	 * @throws ApproverCheckUnavailableException when only GitLab could say whether the
	 * viewer may see it, and it could not be asked
	 */
	public TokenRequestView view(UUID id, CurrentUser viewer) {
		TokenRequest request = this.tokenRequests.get(id);
		boolean requester = request.isRequestedBy(viewer.gitlabUserId());
		boolean auditor = viewer.has(PortalRole.AUDITOR);
		if (!requester && !auditor) {
			this.access.requireNotThrottled(viewer, id);
		}
		boolean approver = !requester && isOwner(request, viewer, auditor);
		if (!requester && !auditor && !approver) {
			throw this.access.viewDenied(viewer, id);
		}
		return toView(request, requester, approver, auditor);
	}

	/**
	 * A request as its requester sees it, for what only they may do (cancel, ask again).
	 * Anyone else is told there is no such request, as viewing it would tell them.
	 * @param id the request
	 * @param requester who asks
	 * @return the view
	 * @throws TokenRequestNotFoundException when there is no such request or it is not
	 * the user's (the refusal is audited)
	 */
	public TokenRequestView requesterView(UUID id, CurrentUser requester) {
		return toView(ownRequest(id, requester), true, false, requester.has(PortalRole.AUDITOR));
	}

	/**
	 * A request of the user's own; see {@link #requesterView}.
	 * @param id the request
	 * @param requester who asks
	 * @return the request
	 * @throws TokenRequestNotFoundException when there is no such request or it is not
	 * the user's (the refusal is audited)
	 */
	TokenRequest ownRequest(UUID id, CurrentUser requester) {
		TokenRequest request = this.tokenRequests.get(id);
		if (!request.isRequestedBy(requester.gitlabUserId())) {
			this.access.requireNotThrottled(requester, id);
			throw this.access.viewDenied(requester, id);
		}
		return request;
	}

	/**
	 * A request's history, oldest first. Call {@link #view} first: this does not check
	 * who asks.
	 * @param id the request
	 * @return its events
	 */
	public List<TimelineEntry> timeline(UUID id) {
		return this.history.of(id);
	}

	/**
	 * A page of the viewer's own requests, newest first, narrowed in SQL.
	 * @param viewer who looks
	 * @param filter what to show and where the page starts
	 * @return the page, at most {@link #PAGE_SIZE} requests
	 */
	public KeysetPage<TokenRequestSummary> mine(CurrentUser viewer, RequestListFilter filter) {
		return this.tokenRequests.requestsOf(viewer.gitlabUserId(), filter.query(), PAGE_SIZE)
			.map(TokenRequestSummary::of);
	}

	private boolean isOwner(TokenRequest request, CurrentUser viewer, boolean mayViewAnyway) {
		try {
			return this.gitlab.effectiveMember(request.target(), viewer.gitlabUserId())
				.map(GitLabMember::isActiveOwner)
				.orElse(false);
		}
		catch (GitLabException ex) {
			logger.warn("Could not ask GitLab whether {} owns {}: {}", viewer.username(), request.getTargetPath(),
					ex.getMessage());
			if (mayViewAnyway) {
				return false;
			}
			throw new ApproverCheckUnavailableException();
		}
	}

	private TokenRequestView toView(TokenRequest r, boolean requester, boolean approver, boolean auditor) {
		return new TokenRequestView(r.getId(), r.getShortId(), r.getStatus(), r.getStatusReason(), r.isAwaitingChange(),
				r.getRequesterUsername(), r.getRequesterAccessLevel(), r.getTargetType(), r.getTargetId(),
				r.getTargetPath(), r.getTokenName(), r.getDescription(), r.getScopes(), r.getAccessLevel(),
				r.getExpiresOn(), r.getJustification(), r.getTier(), r.getPolicyRule(), r.getPolicyReason(),
				r.getPolicyVersion(), r.getRequiredApprovals(), this.approvals.decisionsOn(r.getId()),
				r.getGitlabTokenId(), r.getGitlabTokenName(), r.getIssuedExpiresOn(), r.getRenewalOf(),
				r.getCreatedAt(), r.getUpdatedAt(), requester, approver, auditor, r.getLifetimeHours(), r.getRevokeAt(),
				r.getDestination(), r.isAutoRotate());
	}

}
