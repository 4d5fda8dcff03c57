package dev.tokenportal.gitlab;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
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
 * Pages only display them (a request is checked live at submit), so they are kept per
 * user for {@link #TIME_TO_LIVE}: a membership GitLab just gave shows up to a minute
 * late.
 *
 * @author Token Portal team
 */
@Component
public class GitLabMemberships {

	static final String CACHE = "gitlab-memberships";

	static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

	// a user, a filter and two page numbers per entry
	static final int MAX_ENTRIES = 10_000;

	private final GitLabClient gitlab;

	private final Cache pages;

	private final GitLabParallel parallel;

	private final ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients;

	GitLabMemberships(GitLabClient gitlab, GitLabParallel parallel,
			ObjectProvider<OAuth2AuthorizedClientManager> authorizedClients, CacheManager caches) {
		this.gitlab = gitlab;
		this.pages = Objects.requireNonNull(caches.getCache(CACHE));
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
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null) {
			return fetch(search, projectPage, groupPage, perPage);
		}
		// the name is GitLab's user id (the sub claim); failures are not kept
		Key key = new Key(user.getName(), search, projectPage, groupPage, perPage);
		Pages known = this.pages.get(key, Pages.class);
		if (known != null) {
			return known;
		}
		Pages fetched = fetch(search, projectPage, groupPage, perPage);
		this.pages.put(key, fetched);
		return fetched;
	}

	private Pages fetch(@Nullable String search, int projectPage, int groupPage, int perPage) {
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

	private record Key(String user, @Nullable String search, int projectPage, int groupPage, int perPage) {
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
