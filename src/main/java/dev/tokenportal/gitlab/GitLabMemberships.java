package dev.tokenportal.gitlab;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A page each of the signed-in user's projects and groups, asked of GitLab side by side
 * with the user's own token: one page costs the time of the slower call, not of both.
 *
 * @author Token Portal team
 */
@Component
public class GitLabMemberships {

	private final GitLabClient gitlab;

	private final GitLabParallel parallel;

	private final ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients;

	GitLabMemberships(GitLabClient gitlab, GitLabParallel parallel,
			ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients) {
		this.gitlab = gitlab;
		this.parallel = parallel;
		this.authorizedClients = authorizedClients;
	}

	/**
	 * A page of the user's projects and a page of their groups.
	 * @param search a name or path fragment for both, or {@code null} for all
	 * @param projectPage the page of projects, from 1
	 * @param groupPage the page of groups, from 1
	 * @param perPage the page size, capped at {@value GitLabClient#MAX_PER_PAGE}
	 * @return both pages
	 * @throws GitLabException when GitLab could not give either
	 */
	public Pages pages(@Nullable String search, int projectPage, int groupPage, int perPage) {
		renewTokenIfDue();
		Supplier<Object> projects = () -> this.gitlab.memberProjects(search, projectPage, perPage);
		Supplier<Object> groups = () -> this.gitlab.memberGroups(search, groupPage, perPage);
		List<Object> both = this.parallel.all(List.of(projects, groups));
		@SuppressWarnings("unchecked")
		GitLabPage<GitLabProject> projectsPage = (GitLabPage<GitLabProject>) both.get(0);
		@SuppressWarnings("unchecked")
		GitLabPage<GitLabGroup> groupsPage = (GitLabPage<GitLabGroup>) both.get(1);
		return new Pages(projectsPage, groupsPage);
	}

	// once, here: two calls that each found the token expired would both spend the one
	// refresh token, and GitLab honours only the first
	private void renewTokenIfDue() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		OAuth2AuthorizedClientManager manager = this.authorizedClients.getIfAvailable();
		if (user == null || manager == null || RequestContextHolder.getRequestAttributes() == null) {
			return;
		}
		try {
			manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(GitLabClientConfiguration.REGISTRATION_ID)
				.principal(user)
				.build());
		}
		catch (ClientAuthorizationException ex) {
			// the calls themselves say so, and end the session as any refused call does
		}
	}

	/**
	 * A page of projects and a page of groups.
	 *
	 * @param projects the projects
	 * @param groups the groups
	 */
	public record Pages(GitLabPage<GitLabProject> projects, GitLabPage<GitLabGroup> groups) {

	}

}
