package dev.tokenportal.gitlab;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Project and group access tokens, with the service account's token. {@code collection}
 * is {@code projects} or {@code groups}: GitLab serves both from the same code.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
interface GitLabAccessTokensApi {

	@GetExchange("/{collection}/{id}/access_tokens")
	ResponseEntity<List<GitLabAccessToken>> list(@PathVariable String collection, @PathVariable long id,
			@RequestParam int page, @RequestParam("per_page") int perPage);

	@PostExchange("/{collection}/{id}/access_tokens")
	AccessTokenWithValue create(@PathVariable String collection, @PathVariable long id,
			@RequestBody NewAccessToken token);

	@DeleteExchange("/{collection}/{id}/access_tokens/{tokenId}")
	ResponseEntity<Void> revoke(@PathVariable String collection, @PathVariable long id, @PathVariable long tokenId);

	@PostExchange("/{collection}/{id}/access_tokens/{tokenId}/rotate")
	AccessTokenWithValue rotate(@PathVariable String collection, @PathVariable long id, @PathVariable long tokenId,
			@RequestBody Map<String, LocalDate> expiresAt);

}
