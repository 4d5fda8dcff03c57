package dev.tokenportal.gitlab;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Facts about the GitLab instance, read with the service account's token.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
interface GitLabInstanceApi {

	@GetExchange("/version")
	GitLabVersion version();

}
