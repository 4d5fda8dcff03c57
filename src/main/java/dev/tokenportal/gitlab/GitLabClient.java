package dev.tokenportal.gitlab;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
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
	 * The ids of every project and group where the signed-in user is an effective Owner
	 * (their own token; inherited ownership included), for the approval queue.
	 * @return project ids and group ids
	 */
	public OwnedTargets ownedTargets() {
		return asUser("Listing what you own in GitLab",
				() -> new OwnedTargets(allIds(GitLabMember.OWNER, this.projects::projectsWithAccess, GitLabProject::id),
						allIds(GitLabMember.OWNER, this.groups::groupsWithAccess, GitLabGroup::id)));
	}

	/**
	 * GitLab's version, read with the service account's token.
	 * @return the version
	 */
	public GitLabVersion version() {
		return this.calls.read("Reading GitLab's version", this.instance::version);
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

	private static <T> Set<Long> allIds(int minAccessLevel, PageCall<T> call, ToLongFunction<T> id) {
		Set<Long> ids = new LinkedHashSet<>();
		Integer page = 1;
		while (page != null) {
			GitLabPage<T> current = GitLabPage.of(call.page(minAccessLevel, page, MAX_PER_PAGE), page, MAX_PER_PAGE);
			current.items().forEach((item) -> ids.add(id.applyAsLong(item)));
			page = current.nextPage();
		}
		return ids;
	}

	private static int pageSize(int perPage) {
		return Math.min(Math.max(1, perPage), MAX_PER_PAGE);
	}

	@FunctionalInterface
	private interface PageCall<T> {

		ResponseEntity<List<T>> page(int minAccessLevel, int page, int perPage);

	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
