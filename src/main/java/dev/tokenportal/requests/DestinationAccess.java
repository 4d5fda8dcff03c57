package dev.tokenportal.requests;

import java.util.Optional;

import dev.tokenportal.gitlab.GitLabAccount;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.policy.AccessLevel;
import org.springframework.stereotype.Component;

/**
 * Who may send a token where: the portal writes a CI/CD variable only where the requester
 * could write it in GitLab themselves, asked live at submission and again at every write.
 * GitLab lets effective Maintainers and Owners manage a project's variables, and only
 * Owners a group's (gitlab-api.md §12.6).
 *
 * @author Token Portal team
 */
@Component
public class DestinationAccess {

	static final int MAINTAINER = 40;

	static final int OWNER = 50;

	private final GitLabTokenClient gitlab;

	DestinationAccess(GitLabTokenClient gitlab) {
		this.gitlab = gitlab;
	}

	/**
	 * The level GitLab requires to manage the variables of a project or group.
	 * @param resource project or group
	 * @return Maintainer for a project, Owner for a group
	 */
	public static int requiredLevel(GitLabResource resource) {
		return (resource == GitLabResource.GROUP) ? OWNER : MAINTAINER;
	}

	/**
	 * Asks GitLab now whether the user may manage the destination's variables.
	 * @param gitlabUserId the requester
	 * @param destination where the token would go
	 * @return empty when they may, otherwise why not, in words for the requester
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab cannot be asked (the
	 * caller refuses: no write without GitLab's word)
	 */
	public Optional<StatusReason> refusal(long gitlabUserId, VariableDestination destination) {
		GitLabTarget owner = destination.owner();
		int required = requiredLevel(owner.resource());
		Optional<GitLabMember> member = this.gitlab.effectiveMember(owner, gitlabUserId);
		if (member.isEmpty()) {
			return Optional
				.of(StatusReason.of("requests.destination.notMember", owner.fullPath(), AccessLevel.label(required)));
		}
		String state = member.get().state();
		if (state != null && !GitLabAccount.ACTIVE.equals(state)) {
			return Optional.of(StatusReason.of("requests.destination.inactive", state));
		}
		if (member.get().accessLevel() < required) {
			return Optional.of(StatusReason.of("requests.destination.tooLow",
					AccessLevel.label(member.get().accessLevel()), owner.fullPath(), AccessLevel.label(required)));
		}
		return Optional.empty();
	}

}
