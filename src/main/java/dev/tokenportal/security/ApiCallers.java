package dev.tokenportal.security;

import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.GitLabUser;
import org.springframework.stereotype.Service;

/**
 * The portal's user behind a GitLab token presented to the API: the same
 * {@link CurrentUser} (GitLab id, username, name, roles) that signing in with GitLab
 * gives, with roles by the same rule ({@link PortalRoles}: configured usernames, and the
 * auditor groups asked of GitLab with the service account as at every session re-check).
 *
 * @author Token Portal team
 */
@Service
public class ApiCallers {

	private final PortalRoles roles;

	private final GitLabTokenClient gitlab;

	private final PortalUserService users;

	ApiCallers(PortalSecurityProperties properties, GitLabTokenClient gitlab, PortalUserService users) {
		this.roles = new PortalRoles(properties);
		this.gitlab = gitlab;
		this.users = users;
	}

	/**
	 * The user a GitLab token acts as. Someone who never signed in is recorded, so that
	 * the people who hear of their requests know them; an e-mail address GitLab gave at a
	 * sign-in is kept.
	 * @param user what GitLab said with the caller's own token ({@code GET /user})
	 * @return the user, as the services expect them
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab could not say whether
	 * they are in an auditor group
	 */
	public CurrentUser of(GitLabUser user) {
		String name = (user.name() != null && !user.name().isBlank()) ? user.name() : user.username();
		this.users.recordApiCall(user.id(), user.username(), name);
		boolean inAuditorGroup = this.roles.auditorGroups()
			.stream()
			.anyMatch((group) -> this.gitlab.groupMember(group, user.id()).isPresent());
		return new CurrentUser(user.id(), user.username(), name, user.avatarUrl(),
				this.roles.of(user.username(), inAuditorGroup));
	}

}
