package dev.tokenportal.gitlab;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Group webhooks (gitlab-api.md §13.1) and the top-level groups they can be added to,
 * with the service account's token.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
interface GitLabHooksApi {

	/**
	 * Top-level groups the service account can see: every one for an administrator, its
	 * memberships otherwise.
	 */
	@GetExchange("/groups?top_level_only=true&order_by=path&sort=asc")
	ResponseEntity<List<GitLabGroup>> topLevelGroups(@RequestParam int page, @RequestParam("per_page") int perPage);

	@GetExchange("/groups/{groupId}/hooks")
	ResponseEntity<List<GitLabHook>> groupHooks(@PathVariable long groupId, @RequestParam int page,
			@RequestParam("per_page") int perPage);

	@PostExchange("/groups/{groupId}/hooks")
	GitLabHook addGroupHook(@PathVariable long groupId, @RequestBody NewGitLabHook hook);

	@DeleteExchange("/groups/{groupId}/hooks/{hookId}")
	ResponseEntity<Void> removeGroupHook(@PathVariable long groupId, @PathVariable long hookId);

}
