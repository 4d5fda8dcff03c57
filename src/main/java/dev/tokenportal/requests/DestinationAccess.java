package dev.tokenportal.requests;

import java.util.Optional;

import dev.tokenportal.gitlab.GitLabAccount;
import dev.tokenportal.gitlab.GitLabVariablesClient;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.GitLabUser;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.PolicyService;
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

	private final GitLabVariablesClient variables;

	private final PolicyService policy;

	DestinationAccess(GitLabTokenClient gitlab, GitLabVariablesClient variables, PolicyService policy) {
		this.gitlab = gitlab;
		this.variables = variables;
		this.policy = policy;
	}

	/**
	 * Every check a destination must pass before the portal writes there, asked of GitLab
	 * and the policy now: the policy in force for the target's top-level group allows the
	 * destination, the requester may manage its variables, and so may the portal's
	 * service account. The Create side calls this again before each write.
	 * @param gitlabUserId the requester
	 * @param target the token's project or group
	 * @param destination where the token would go
	 * @return empty when all pass, otherwise the first refusal, in words for the
	 * requester
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab cannot be asked
	 */
	public Optional<StatusReason> refusal(long gitlabUserId, GitLabTarget target, VariableDestination destination) {
		Optional<StatusReason> outside = outsideTopLevelGroup(target, destination.owner());
		if (outside.isPresent()) {
			return outside;
		}
		Optional<StatusReason> requester = refusal(gitlabUserId, destination);
		return requester.isPresent() ? requester : portalRefusal(destination);
	}

	/**
	 * Whether the policy keeps the destination out: unless admins allowed destinations
	 * outside the target's top-level group (for that group), the destination must be in
	 * it.
	 * @param target the token's project or group
	 * @param owner the destination project or group
	 * @return empty when allowed, otherwise why not
	 */
	public Optional<StatusReason> outsideTopLevelGroup(GitLabTarget target, GitLabTarget owner) {
		String top = target.topLevelNamespace();
		if (owner.topLevelNamespace().equalsIgnoreCase(top)
				|| this.policy.rulesFor(top).destinationsOutsideTopLevelGroup()) {
			return Optional.empty();
		}
		return Optional.of(StatusReason.of("requests.destination.outsideTopLevelGroup", owner.fullPath(), top));
	}

	/**
	 * Whether the portal's service account may write the destination's variables: an
	 * administrator may write anywhere, otherwise it needs the same role as a person.
	 * @param destination where the token would go
	 * @return empty when it may, otherwise why not
	 */
	public Optional<StatusReason> portalRefusal(VariableDestination destination) {
		GitLabUser portal = this.gitlab.serviceAccount();
		if (portal.admin()) {
			return Optional.empty();
		}
		GitLabTarget owner = destination.owner();
		int required = requiredLevel(owner.resource());
		int level = this.gitlab.effectiveMember(owner, portal.id()).map(GitLabMember::accessLevel).orElse(0);
		if (level >= required) {
			return Optional.empty();
		}
		return Optional.of(StatusReason.of("requests.destination.portalCannotWrite", owner.fullPath(),
				AccessLevel.named(required), portal.username()));
	}

	/**
	 * Whether GitLab hides variables (17.4+), asked of GitLab now.
	 * @return {@code true} when it does
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab cannot be asked
	 */
	public boolean hiddenVariablesSupported() {
		return this.variables.hidingAvailable();
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
				.of(StatusReason.of("requests.destination.notMember", owner.fullPath(), AccessLevel.named(required)));
		}
		String state = member.get().state();
		if (state != null && !GitLabAccount.ACTIVE.equals(state)) {
			return Optional.of(StatusReason.of("requests.destination.inactive", state));
		}
		if (member.get().accessLevel() < required) {
			return Optional.of(StatusReason.of("requests.destination.tooLow",
					AccessLevel.named(member.get().accessLevel()), owner.fullPath(), AccessLevel.named(required)));
		}
		return Optional.empty();
	}

}
