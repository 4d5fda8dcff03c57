package dev.tokenportal.gitlab;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * Project and group CI/CD variables (gitlab-api.md §12), with the service account's
 * token. {@code collection} is {@code projects} or {@code groups}; every call on one key
 * names its environment scope, since several variables may share a key.
 *
 * @author Token Portal team
 */
@HttpExchange("/api/v4")
interface GitLabVariablesApi {

	String SCOPE_FILTER = "filter[environment_scope]";

	@GetExchange("/{collection}/{id}/variables/{key}")
	GitLabVariable get(@PathVariable String collection, @PathVariable long id, @PathVariable String key,
			@RequestParam(SCOPE_FILTER) String environmentScope);

	@PostExchange("/{collection}/{id}/variables")
	GitLabVariable create(@PathVariable String collection, @PathVariable long id, @RequestBody VariableBody body);

	@PutExchange("/{collection}/{id}/variables/{key}")
	GitLabVariable update(@PathVariable String collection, @PathVariable long id, @PathVariable String key,
			@RequestParam(SCOPE_FILTER) String environmentScope, @RequestBody VariableBody body);

	@DeleteExchange("/{collection}/{id}/variables/{key}")
	ResponseEntity<Void> delete(@PathVariable String collection, @PathVariable long id, @PathVariable String key,
			@RequestParam(SCOPE_FILTER) String environmentScope);

}
