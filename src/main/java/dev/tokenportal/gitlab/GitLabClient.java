package dev.tokenportal.gitlab;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The portal's way into GitLab. Services call this facade, never the HTTP interfaces; it
 * turns GitLab's answers into {@link GitLabException}s that carry a reason a person can
 * read.
 *
 * @author Token Portal team
 */
@Component
public class GitLabClient {

	/** GitLab's largest page. */
	public static final int MAX_PER_PAGE = 100;

	/**
	 * GitLab's version, instance-wide, for {@link GitLabClientConfiguration#VERSION_TTL}.
	 */
	static final String VERSION_CACHE = "gitlab-version";

	private final GitLabUsersApi users;

	private final GitLabProjectsApi projects;

	private final GitLabGroupsApi groups;

	private final GitLabInstanceApi instance;

	private final GitLabCalls calls;

	private final ApplicationEventPublisher events;

	GitLabClient(GitLabUsersApi users, GitLabProjectsApi projects, GitLabGroupsApi groups, GitLabInstanceApi instance,
			GitLabCalls calls, ApplicationEventPublisher events) {
		this.users = users;
		this.projects = projects;
		this.groups = groups;
		this.instance = instance;
		this.calls = calls;
		this.events = events;
	}

	/**
	 * The signed-in user as GitLab sees them (their own token).
	 * @return the user
	 */
	public GitLabUser currentUser() {
		return asUser("Reading your GitLab profile", this.users::currentUser);
	}

	/**
	 * A page of the projects the signed-in user is a member of (their own token).
	 * @param search a name or path fragment, or {@code null} for all
	 * @param page the page, from 1
	 * @param perPage the page size, capped at {@value #MAX_PER_PAGE}
	 * @return the page
	 */
	public GitLabPage<GitLabProject> memberProjects(@Nullable String search, int page, int perPage) {
		int size = pageSize(perPage);
		int number = Math.max(1, page);
		return asUser("Listing your GitLab projects",
				() -> GitLabPage.of(this.projects.memberProjects(blankToNull(search), number, size), number, size));
	}

	/**
	 * A page of the groups the signed-in user is a member of (their own token).
	 * @param search a name or path fragment, or {@code null} for all
	 * @param page the page, from 1
	 * @param perPage the page size, capped at {@value #MAX_PER_PAGE}
	 * @return the page
	 */
	public GitLabPage<GitLabGroup> memberGroups(@Nullable String search, int page, int perPage) {
		int size = pageSize(perPage);
		int number = Math.max(1, page);
		return asUser("Listing your GitLab groups",
				() -> GitLabPage.of(this.groups.memberGroups(blankToNull(search), number, size), number, size));
	}

	/**
	 * GitLab's version, read with the service account's token.
	 * @return the version
	 */
	public GitLabVersion version() {
		return this.calls.read("Reading GitLab's version", this.instance::version);
	}

	/**
	 * GitLab's version as read within the last few minutes: it is the same for everyone
	 * and changes only with an upgrade, so pages need not ask each time.
	 * @return the version
	 */
	@Cacheable(cacheNames = VERSION_CACHE, sync = true)
	public GitLabVersion knownVersion() {
		return version();
	}

	/**
	 * A call with the signed-in user's own token. When GitLab refuses that token, the
	 * session is told, so it can end or ask GitLab about the user at once.
	 */
	private <T> T asUser(String action, Supplier<T> call) {
		try {
			return this.calls.read(action, call);
		}
		catch (GitLabAccessDeniedException ex) {
			this.events.publishEvent(new GitLabSignInRejected(ex.status()));
			throw ex;
		}
	}

	private static int pageSize(int perPage) {
		return Math.min(Math.max(1, perPage), MAX_PER_PAGE);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
