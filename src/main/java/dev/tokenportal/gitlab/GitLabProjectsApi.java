package dev.tokenportal.gitlab;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * GitLab's projects API, called with the signed-in user's own OAuth token so that GitLab
 * decides what they may see.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
@ClientRegistrationId(GitLabClientConfiguration.REGISTRATION_ID)
interface GitLabProjectsApi {

	/**
	 * Projects the user is a member of, directly or through a group (GitLab's
	 * {@code membership=true}).
	 * @param search a name or path fragment, or {@code null}
	 * @param page the page, from 1
	 * @param perPage the page size, at most 100
	 * @return the page, with GitLab's pagination headers
	 */
	@GetExchange("/projects?membership=true&simple=true&order_by=path&sort=asc")
	ResponseEntity<List<GitLabProject>> memberProjects(@RequestParam(required = false) String search,
			@RequestParam int page, @RequestParam("per_page") int perPage);

}
