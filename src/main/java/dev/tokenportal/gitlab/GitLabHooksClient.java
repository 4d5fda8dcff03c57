package dev.tokenportal.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the portal does with GitLab's group webhooks, with its service account: list the
 * top-level groups and their hooks, add the portal's receiver, remove it. Adding is never
 * retried (GitLab would add a second hook).
 *
 * @author Token Portal team
 */
@Component
public class GitLabHooksClient {

	private static final int PAGE_SIZE = 100;

	private final GitLabHooksApi hooks;

	private final GitLabCalls calls;

	GitLabHooksClient(GitLabHooksApi hooks, GitLabCalls calls) {
		this.hooks = hooks;
		this.calls = calls;
	}

	/**
	 * The top-level groups the service account can see (all pages).
	 * @return the groups, by path
	 */
	public List<GitLabGroup> topLevelGroups() {
		return this.calls.read("Listing the top-level groups", () -> all(this.hooks::topLevelGroups));
	}

	/**
	 * A group's webhooks (all pages).
	 * @param groupId the group
	 * @return the hooks
	 * @throws GitLabAccessDeniedException when the service account is not an Owner of the
	 * group (403), or the instance has no group webhooks
	 */
	public List<GitLabHook> groupHooks(long groupId) {
		return this.calls.read("Listing the webhooks of group " + groupId,
				() -> all((page, perPage) -> this.hooks.groupHooks(groupId, page, perPage)));
	}

	/**
	 * Adds a webhook to a group. Never retried.
	 * @param groupId the group
	 * @param hook the hook
	 * @return the hook as GitLab made it
	 * @throws GitLabAccessDeniedException when the service account is not an Owner (403)
	 * @throws GitLabRefusedException when GitLab refuses the URL (422, e.g. a local
	 * network address)
	 */
	public GitLabHook addGroupHook(long groupId, NewGitLabHook hook) {
		return this.calls.change("Adding a webhook to group " + groupId, () -> this.hooks.addGroupHook(groupId, hook));
	}

	/**
	 * Removes a webhook from a group; one GitLab no longer knows counts as removed.
	 * @param groupId the group
	 * @param hookId the hook
	 */
	public void removeGroupHook(long groupId, long hookId) {
		try {
			this.calls.read("Removing webhook " + hookId + " of group " + groupId,
					() -> this.hooks.removeGroupHook(groupId, hookId));
		}
		catch (GitLabNotFoundException alreadyGone) {
			// nothing left to remove
		}
	}

	private static <T> List<T> all(BiFunction<Integer, Integer, ResponseEntity<List<T>>> call) {
		List<T> all = new ArrayList<>();
		Integer page = 1;
		while (page != null) {
			int current = page;
			GitLabPage<T> items = GitLabPage.of(call.apply(current, PAGE_SIZE), current, PAGE_SIZE);
			all.addAll(items.items());
			page = items.nextPage();
		}
		return all;
	}

}
