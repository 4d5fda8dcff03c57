package dev.tokenportal.approvals;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.RequestAccess;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.stereotype.Component;

/**
 * Asks GitLab, at the moment of a decision and with the service account, whether someone
 * is an effective Owner of a request's target. Anything but a clear yes refuses: a GitLab
 * failure never lets a decision through, and someone who may not see the request is told
 * there is none.
 *
 * @author Token Portal team
 */
@Component
class ApproverEligibility {

	private static final Logger logger = LoggerFactory.getLogger(ApproverEligibility.class);

	private final GitLabTokenClient gitlab;

	private final RequestAccess access;

	ApproverEligibility(GitLabTokenClient gitlab, RequestAccess access) {
		this.gitlab = gitlab;
		this.access = access;
	}

	/**
	 * The user's effective Owner membership of the request's target, live. The same one
	 * GitLab call says whether they may see the request at all: someone who may not (not
	 * its requester, not an auditor, not an active Owner) gets the 404 that viewing it
	 * would give, with nothing about the request in it.
	 * @param request the request
	 * @param user the GitLab user who decides
	 * @param verb {@code approve} or {@code reject}, for the message
	 * @return the membership GitLab reported
	 * @throws TokenRequestNotFoundException when the user may not see the request
	 * @throws ApprovalRefusedException when a user who may see it is not an active Owner,
	 * or GitLab could not say
	 */
	GitLabMember confirmOwner(TokenRequest request, CurrentUser user, String verb) {
		GitLabTarget target = request.target();
		boolean auditor = user.has(PortalRole.AUDITOR);
		if (!auditor) {
			this.access.requireNotThrottled(user, request.getId());
		}
		Optional<GitLabMember> member;
		try {
			member = this.gitlab.effectiveMember(target, user.gitlabUserId());
		}
		catch (GitLabException ex) {
			logger.warn("Could not check ownership of {} for user {}: {}", target.fullPath(), user.gitlabUserId(),
					ex.getMessage());
			throw unavailable(ex);
		}
		if (!auditor && !member.map(GitLabMember::isActiveOwner).orElse(false)) {
			throw this.access.denied(user, request, verb);
		}
		// only auditors get this far without being an active Owner: they may see the
		// request, so they are told why they cannot decide
		if (member.isEmpty()) {
			throw ApprovalRefusedException.denied("approvals.refused.notMember." + verb, target.fullPath());
		}
		if (member.get().accessLevel() < GitLabMember.OWNER) {
			throw ApprovalRefusedException.denied("approvals.refused.notOwner." + verb,
					AccessLevel.named(member.get().accessLevel()), target.fullPath());
		}
		if (!member.get().isActiveOwner()) {
			throw ApprovalRefusedException.denied("approvals.refused.inactive." + verb, member.get().state());
		}
		return member.get();
	}

	// no target path: whether this user may see the request is what GitLab could not say
	private static ApprovalRefusedException unavailable(GitLabException ex) {
		if (ex instanceof GitLabUnavailableException busy && busy.retryAfter() != null) {
			return ApprovalRefusedException.gitLabFailed("approvals.refused.gitlabUnavailable.wait",
					busy.retryAfter().toSeconds());
		}
		return ApprovalRefusedException.gitLabFailed("approvals.refused.gitlabUnavailable");
	}

}
