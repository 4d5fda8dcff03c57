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
import org.springframework.stereotype.Component;

/**
 * Asks GitLab, at the moment of a decision and with the service account, whether someone
 * is an effective Owner of a request's target. Anything but a clear yes refuses: a GitLab
 * failure never lets a decision through.
 *
 * @author Token Portal team
 */
@Component
class ApproverEligibility {

	private static final Logger logger = LoggerFactory.getLogger(ApproverEligibility.class);

	private final GitLabTokenClient gitlab;

	ApproverEligibility(GitLabTokenClient gitlab) {
		this.gitlab = gitlab;
	}

	/**
	 * The user's effective Owner membership of the target, live.
	 * @param target the request's project or group
	 * @param userId the GitLab user who decides
	 * @param verb {@code approve} or {@code reject}, for the message
	 * @return the membership GitLab reported
	 * @throws ApprovalRefusedException when the user is not an active Owner, or GitLab
	 * could not say
	 */
	GitLabMember confirmOwner(GitLabTarget target, long userId, String verb) {
		Optional<GitLabMember> member;
		try {
			member = this.gitlab.effectiveMember(target, userId);
		}
		catch (GitLabException ex) {
			logger.warn("Could not check ownership of {} for user {}: {}", target.fullPath(), userId, ex.getMessage());
			throw ApprovalRefusedException.gitLabFailed(unavailable(target, ex));
		}
		if (member.isEmpty()) {
			throw ApprovalRefusedException.denied("You cannot " + verb + " this request: GitLab says you are not a "
					+ "member of " + target.fullPath() + ". Only its Owners decide.");
		}
		if (member.get().accessLevel() < GitLabMember.OWNER) {
			throw ApprovalRefusedException.denied("You cannot " + verb + " this request: GitLab says you are "
					+ AccessLevel.label(member.get().accessLevel()) + ", not Owner, of " + target.fullPath()
					+ ". Only its Owners decide.");
		}
		if (!member.get().isActiveOwner()) {
			throw ApprovalRefusedException.denied("You cannot " + verb + " this request: your GitLab account is "
					+ member.get().state() + ", not active.");
		}
		return member.get();
	}

	private static String unavailable(GitLabTarget target, GitLabException ex) {
		String wait = (ex instanceof GitLabUnavailableException busy && busy.retryAfter() != null)
				? "GitLab asked the portal to wait " + busy.retryAfter().toSeconds() + " seconds; try again then."
				: "Try again in a moment.";
		return "GitLab could not confirm right now that you are an Owner of " + target.fullPath()
				+ ", so nothing was decided. " + wait;
	}

}
