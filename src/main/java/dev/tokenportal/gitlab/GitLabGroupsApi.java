package dev.tokenportal.gitlab;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * GitLab's groups API, called with the signed-in user's own OAuth token.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
@ClientRegistrationId(GitLabClientConfiguration.REGISTRATION_ID)
interface GitLabGroupsApi {

	/**
	 * Groups the user is a member of, and their subgroups. {@code min_access_level=10}
	 * keeps an administrator's list to their own memberships instead of every group.
	 * @param search a name or path fragment, or {@code null}
	 * @param page the page, from 1
	 * @param perPage the page size, at most 100
	 * @return the page, with GitLab's pagination headers
	 */
	@GetExchange("/groups?min_access_level=10&order_by=path&sort=asc")
	ResponseEntity<List<GitLabGroup>> memberGroups(@RequestParam(required = false) String search,
			@RequestParam int page, @RequestParam("per_page") int perPage);

}
