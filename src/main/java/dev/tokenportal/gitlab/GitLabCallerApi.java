package dev.tokenportal.gitlab;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;

/**
 * GitLab asked with the token a caller of the portal's API presented, to learn whose it
 * is and what it may do (gitlab-api.md §2.7, §6.3, §7.1). The credential travels as a
 * header argument, never in a URL.
 *
 * @author Token Portal team
 */
interface GitLabCallerApi {

	@GetExchange("/api/v4/personal_access_tokens/self")
	SelfToken personalAccessTokenSelf(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization);

	@GetExchange("/oauth/token/info")
	OAuthTokenInfo oauthTokenInfo(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization);

	@GetExchange("/api/v4/user")
	GitLabUser currentUser(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization);

}
