package dev.tokenportal.gitlab;

import org.springframework.security.oauth2.client.annotation.ClientRegistrationId;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * GitLab's users API, called with the signed-in user's own OAuth token.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
@ClientRegistrationId(GitLabClientConfiguration.REGISTRATION_ID)
interface GitLabUsersApi {

	@GetExchange("/user")
	GitLabUser currentUser();

}
