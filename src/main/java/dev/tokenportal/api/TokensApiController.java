package dev.tokenportal.api;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.inventory.InventoryService;
import dev.tokenportal.inventory.TokenListFilter;
import dev.tokenportal.inventory.TokenView;
import dev.tokenportal.issuance.RevocationService;
import dev.tokenportal.issuance.RotationService;
import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.requests.ListCursor;
import dev.tokenportal.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * My tokens over the API: list, revoke, renew. A token is named by the request that made
 * it ({@code id}), as on the pages.
 *
 * @author Token Portal team
 */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tokens")
@SecurityRequirement(name = "gitlab-token")
class TokensApiController {

	private final InventoryService inventory;

	private final RevocationService revocation;

	private final RotationService rotation;

	private final RequestsApiController requests;

	private final ApiProblems problems;

	TokensApiController(InventoryService inventory, RevocationService revocation, RotationService rotation,
			RequestsApiController requests, ApiProblems problems) {
		this.inventory = inventory;
		this.revocation = revocation;
		this.rotation = rotation;
		this.requests = requests;
		this.problems = problems;
	}

	@GetMapping
	@Operation(summary = "My tokens, newest first, 50 a page",
			description = "state: active, revoked or expired; pass the answer's next as after for the next page.")
	ApiDtos.Page<ApiDtos.TokenResource> list(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String target, @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "The next of the previous page",
					schema = @Schema(type = "string")) @RequestParam(required = false) @Nullable ListCursor after,
			@AuthenticationPrincipal CurrentUser caller) {
		if (state != null && !state.matches("|active|revoked|expired")) {
			throw new ApiBadRequestException("state", "tokens.list.filter.state.invalid");
		}
		if (target != null && target.length() > 512) {
			throw new ApiBadRequestException("target", "requests.list.filter.target.size");
		}
		if (q != null && q.length() > 200) {
			throw new ApiBadRequestException("q", "tokens.list.filter.q.size");
		}
		KeysetPage<TokenView> page = this.inventory.tokensOf(caller, new TokenListFilter(state, target, q, after));
		return new ApiDtos.Page<>(page.items().stream().map(this::resource).toList(),
				(page.next() != null) ? page.next().toString() : null);
	}

	@PostMapping("/{id}/revocation")
	@Operation(summary = "Revoke a token in GitLab (and remove the CI/CD variable it went into, unless kept)")
	@ApiResponse(responseCode = "204", description = "Revoked")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @RequestBody(required = false) ApiDtos.@Nullable Revocation body,
			@AuthenticationPrincipal CurrentUser caller) {
		this.revocation.revoke(id, caller, (body != null) ? body.reason() : null,
				body != null && Boolean.TRUE.equals(body.keepVariable()));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token (as POST …/revocation without a reason)")
	@ApiResponse(responseCode = "204", description = "Revoked")
	ResponseEntity<Void> delete(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
		this.revocation.revoke(id, caller, null, false);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/renewal")
	@Operation(summary = "Renew (rotate) a token through the policy again",
			description = "201 with the new token (its value once, or where it was delivered) when the policy "
					+ "grants it at once; 202 with the renewal request waiting for approval otherwise.")
	@ApiResponse(responseCode = "201", description = "Rotated now")
	@ApiResponse(responseCode = "202", description = "A renewal request waits for approval (Location)")
	ResponseEntity<ApiDtos.RenewalResource> renew(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
		RotationService.Rotation rotated = this.rotation.rotate(id, caller);
		if (rotated.delivered() != null) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.cacheControl(CacheControl.noStore())
				.body(new ApiDtos.RenewalResource("rotated", this.requests.delivered(rotated.delivered()), null));
		}
		if (rotated.token() != null) {
			return ResponseEntity.status(HttpStatus.CREATED)
				.cacheControl(CacheControl.noStore())
				.body(new ApiDtos.RenewalResource("rotated", this.requests.shown(rotated.token()), null));
		}
		UUID renewal = (rotated.renewal() != null) ? rotated.renewal().getId() : null;
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/requests/" + renewal))
			.body(new ApiDtos.RenewalResource("awaiting-approval", null, renewal));
	}

	private ApiDtos.TokenResource resource(TokenView token) {
		return new ApiDtos.TokenResource(token.requestId(), token.shortId(), token.name(), token.targetType(),
				token.targetPath(), token.scopes(), this.problems.text(token.accessLevel()), token.expiresOn(),
				token.daysLeft(), token.state().name(), token.gitlabTokenId(),
				(token.endsAt() != null) ? token.endsAt().toString() : null);
	}

}
