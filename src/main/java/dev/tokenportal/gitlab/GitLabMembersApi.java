package dev.tokenportal.gitlab;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Effective memberships and resource lookups, with the service account's token, so that
 * the answer does not depend on what the asking user may see.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
interface GitLabMembersApi {

	@GetExchange("/{collection}/{id}/members/all")
	ResponseEntity<List<GitLabMember>> allMembers(@PathVariable String collection, @PathVariable long id,
			@RequestParam int page, @RequestParam("per_page") int perPage);

	@GetExchange("/{collection}/{id}/members/all/{userId}")
	GitLabMember effectiveMember(@PathVariable String collection, @PathVariable long id, @PathVariable long userId);

	@GetExchange("/projects/{id}")
	GitLabProject project(@PathVariable long id);

	@GetExchange("/users/{id}")
	GitLabAccount account(@PathVariable long id);

	/** The service account itself ({@code GET /user} with its token). */
	@GetExchange("/user")
	GitLabUser serviceAccount();

	/**
	 * A user's effective membership in a group given by its full path; the caller builds
	 * the URI, for the same reason as {@link #projectAt(URI)}.
	 */
	@GetExchange
	GitLabMember memberAt(URI uri);

	@GetExchange("/groups?top_level_only=true&order_by=path&sort=asc")
	ResponseEntity<List<GitLabGroup>> topLevelGroups(@RequestParam int page, @RequestParam("per_page") int perPage);

	@GetExchange("/groups/{id}")
	GitLabGroup group(@PathVariable long id);

	/**
	 * A project or group by its full path. GitLab wants the path URL-encoded as one
	 * segment ({@code platform%2Fbackend}), so the caller builds the whole URI.
	 */
	@GetExchange
	GitLabProject projectAt(URI uri);

	@GetExchange
	GitLabGroup groupAt(URI uri);

}
