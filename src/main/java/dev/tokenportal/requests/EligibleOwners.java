package dev.tokenportal.requests;

import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import org.springframework.stereotype.Component;

/**
 * Counts who could approve a request, asked of GitLab now with the service account: the
 * target's active Owners (effective, so inherited Owners count), neither token bots nor
 * the requester.
 *
 * @author Token Portal team
 */
@Component
class EligibleOwners {

	private final GitLabTokenClient gitlab;

	EligibleOwners(GitLabTokenClient gitlab) {
		this.gitlab = gitlab;
	}

	/**
	 * The Owners who could approve a request of this requester on this target.
	 * @param target the project or group
	 * @param requesterId the requester's GitLab id
	 * @return how many there are
	 */
	long besides(GitLabTarget target, long requesterId) {
		return this.gitlab.members(target)
			.stream()
			.filter(GitLabMember::isEligibleApprover)
			.filter((member) -> member.id() != requesterId)
			.count();
	}

}
