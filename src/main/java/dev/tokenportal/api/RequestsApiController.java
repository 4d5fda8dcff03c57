package dev.tokenportal.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.approvals.ApprovalService;
import dev.tokenportal.gitlab.TokenShapedText;
import dev.tokenportal.issuance.CreatedToken;
import dev.tokenportal.issuance.DeliveredToken;
import dev.tokenportal.issuance.IssuanceService;
import dev.tokenportal.issuance.VariableDelivery;
import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.requests.ListCursor;
import dev.tokenportal.requests.NewTokenRequestForm;
import dev.tokenportal.requests.NewTokenRequestForms;
import dev.tokenportal.requests.PolicyPreview;
import dev.tokenportal.requests.PolicyPreviews;
import dev.tokenportal.requests.RequestListFilter;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.TokenRequestSummary;
import dev.tokenportal.requests.TokenRequestView;
import dev.tokenportal.requests.TokenRequestViews;
import dev.tokenportal.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token requests over the API: submit (with the form's checks and policy), preview the
 * policy, read one with its approvals and history, list mine, approve, reject, cancel,
 * and create the token. Each call hands the caller to the same service the page uses.
 *
 * @author Token Portal team
 */
@RestController
@RequestMapping(path = "/api/v1/requests", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "requests")
@SecurityRequirement(name = "gitlab-token")
class RequestsApiController {

	/** The form's field names, as the API calls them. */
	private static final Map<String, String> FIELDS = Map.of("destinationPath", "variable.destinationPath",
			"variableKey", "variable.key", "environmentScope", "variable.environmentScope", "autoRotate",
			"variable.autoRotate", "delivery", "variable");

	private final NewTokenRequestForms forms;

	private final PolicyPreviews previews;

	private final TokenRequestViews views;

	private final TokenRequestService tokenRequests;

	private final ApprovalService approvals;

	private final IssuanceService issuance;

	private final ApiProblems problems;

	private final ApiIdempotency idempotency;

	RequestsApiController(NewTokenRequestForms forms, PolicyPreviews previews, TokenRequestViews views,
			TokenRequestService tokenRequests, ApprovalService approvals, IssuanceService issuance,
			ApiProblems problems, ApiIdempotency idempotency) {
		this.forms = forms;
		this.previews = previews;
		this.views = views;
		this.tokenRequests = tokenRequests;
		this.approvals = approvals;
		this.issuance = issuance;
		this.problems = problems;
		this.idempotency = idempotency;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Submit a token request",
			description = "The form's checks and the approval policy; 201 with the request and its Location. "
					+ "With an Idempotency-Key a retry gets the first answer again.")
	@ApiResponse(responseCode = "201", description = "Submitted",
			content = @Content(schema = @Schema(implementation = ApiDtos.RequestResource.class)))
	@ApiResponse(responseCode = "400", description = "Fields refused (errors names them), or the policy denied it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "409", description = "Too few Owners to approve it",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another call",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "429", description = "Too many open requests",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<?> submit(@RequestBody ApiDtos.NewRequest body,
			@Parameter(description = "Makes a retry safe: the first answer is given again for 24 hours") @RequestHeader(
					name = IdempotencyKeys.HEADER, required = false) @Nullable String key,
			@AuthenticationPrincipal CurrentUser caller) {
		return this.idempotency.run(caller, "submit", key, "/api/v1/requests", body, () -> {
			NewTokenRequestForm form = form(body);
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(form, "tokenRequestForm");
			NewTokenRequestForms.Submission submission = this.forms.submit(form, errors, caller);
			if (submission.requestId() == null) {
				throw refused(submission.status(), errors);
			}
			ApiDtos.RequestResource created = resource(submission.requestId(), caller, false);
			return ResponseEntity.created(URI.create("/api/v1/requests/" + created.id())).body(created);
		}, (created) -> created, null);
	}

	@PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "What the policy would require for a request, saving nothing")
	PolicyPreview preview(@RequestBody ApiDtos.NewRequest body, @AuthenticationPrincipal CurrentUser caller) {
		return this.previews.preview(form(body), caller);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A request: status, tier, approvals and history",
			description = "Another user's request is 404, as on the pages.")
	@ApiResponse(responseCode = "200", description = "The request")
	@ApiResponse(responseCode = "404", description = "No such request, or not yours to see",
			content = @Content(mediaType = "application/problem+json"))
	ApiDtos.RequestResource get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
		return resource(id, caller, true);
	}

	@GetMapping
	@Operation(summary = "My requests, newest first, 50 a page",
			description = "Pass the answer's next as after for the next page.")
	ApiDtos.Page<TokenRequestSummary> list(@RequestParam(required = false) @Nullable TokenRequestStatus status,
			@RequestParam(required = false) @Nullable String target, @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "The next of the previous page",
					schema = @Schema(type = "string")) @RequestParam(required = false) @Nullable ListCursor after,
			@AuthenticationPrincipal CurrentUser caller) {
		if (target != null && target.length() > 512) {
			throw new ApiBadRequestException("target", "requests.list.filter.target.size");
		}
		if (q != null && q.length() > 200) {
			throw new ApiBadRequestException("q", "requests.list.filter.q.size");
		}
		KeysetPage<TokenRequestSummary> page = this.views.mine(caller, new RequestListFilter(status, target, q, after));
		return new ApiDtos.Page<>(page.items(), (page.next() != null) ? page.next().toString() : null);
	}

	@PostMapping("/{id}/approvals")
	@Operation(summary = "Approve, as an effective Owner of the target (asked of GitLab now)")
	ApiDtos.RequestResource approve(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
		// whoever may not see it gets the same 404 as for reading it
		this.views.view(id, caller);
		this.approvals.approve(id, caller);
		return resource(id, caller, false);
	}

	@PostMapping(path = "/{id}/rejection", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Reject, with a reason, as an effective Owner of the target")
	ApiDtos.RequestResource reject(@PathVariable UUID id, @RequestBody ApiDtos.Rejection body,
			@AuthenticationPrincipal CurrentUser caller) {
		this.views.view(id, caller);
		String reason = (body.reason() != null) ? body.reason().strip() : "";
		if (reason.isEmpty()) {
			throw new ApiBadRequestException("reason", "approvals.reject.reasonRequired");
		}
		if (reason.length() > ApprovalService.MAX_REASON) {
			throw new ApiBadRequestException("reason", "approvals.reject.reasonTooLong");
		}
		if (TokenShapedText.holdsToken(reason)) {
			throw new ApiBadRequestException("reason", "approvals.reject.reasonHoldsToken");
		}
		this.approvals.reject(id, caller, reason);
		return resource(id, caller, false);
	}

	@PostMapping("/{id}/cancellation")
	@Operation(summary = "Cancel my request while it waits or is approved")
	ApiDtos.RequestResource cancel(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser caller) {
		this.tokenRequests.cancel(id, caller);
		return resource(id, caller, false);
	}

	@PostMapping("/{id}/token")
	@Operation(summary = "Create the token of a granted request",
			description = "Delivered into a CI/CD variable when the request names one (or the body does); "
					+ "otherwise the value is in this one response (Cache-Control: no-store). A retry with the "
					+ "same Idempotency-Key answers 200 alreadyCreated with the token id and no value.")
	@ApiResponse(responseCode = "201", description = "Created (value once, or where it was delivered)",
			content = @Content(schema = @Schema(implementation = ApiDtos.CreatedTokenResource.class)))
	@ApiResponse(responseCode = "200", description = "A retry with the same Idempotency-Key: alreadyCreated",
			content = @Content(schema = @Schema(implementation = ApiDtos.CreatedTokenResource.class)))
	@ApiResponse(responseCode = "409", description = "Not approved, or already created (currentStatus)",
			content = @Content(mediaType = "application/problem+json"))
	ResponseEntity<?> createToken(@PathVariable UUID id,
			@RequestBody(required = false) ApiDtos.@Nullable CreateToken body,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String key,
			@AuthenticationPrincipal CurrentUser caller) {
		ApiDtos.Variable variable = (body != null) ? body.variable() : null;
		return this.idempotency.run(caller, "create", key, "/api/v1/requests/" + id + "/token", body, () -> {
			IssuanceService.Creation creation = this.issuance.create(id, caller, choice(id, variable));
			ApiDtos.CreatedTokenResource created = (creation.delivered() != null) ? delivered(creation.delivered())
					: shown(creation.shown());
			return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(created);
		}, ApiDtos.CreatedTokenResource::withoutValue, HttpStatus.OK.value());
	}

	private ApiDtos.RequestResource resource(UUID id, CurrentUser caller, boolean withHistory) {
		TokenRequestView view = this.views.view(id, caller);
		return ApiDtos.RequestResource.of(view,
				(view.statusReason() != null) ? this.problems.text(view.statusReason()) : null,
				this.problems.text(view.policyReason()), withHistory ? this.views.timeline(id) : null,
				this.problems::text);
	}

	ApiDtos.CreatedTokenResource shown(@Nullable CreatedToken token) {
		if (token == null) {
			throw new IllegalStateException("Issuance made no token and delivered none");
		}
		return new ApiDtos.CreatedTokenResource(token.requestId(), token.gitlabTokenId(), token.tokenName(),
				token.targetPath(), token.scopes(), token.expiresOn(),
				(token.endsAt() != null) ? token.endsAt().toString() : null, token.value(), null,
				(token.warning() != null) ? this.problems.text(token.warning()) : null, false);
	}

	ApiDtos.CreatedTokenResource delivered(DeliveredToken token) {
		return new ApiDtos.CreatedTokenResource(token.requestId(), token.gitlabTokenId(), token.tokenName(),
				token.targetPath(), token.scopes(), token.expiresOn(), null, null,
				ApiDtos.VariableResource.of(token.variable().destination()),
				(token.warning() != null) ? this.problems.text(token.warning()) : null, false);
	}

	private VariableDelivery.@Nullable DestinationChoice choice(UUID id, ApiDtos.@Nullable Variable variable) {
		if (variable == null) {
			return null;
		}
		// no path: the target's own variables, as for a request that names one at submit
		String path = (variable.destinationPath() != null && !variable.destinationPath().isBlank())
				? variable.destinationPath() : this.tokenRequests.get(id).getTargetPath();
		return new VariableDelivery.DestinationChoice(path, text(variable.key()), text(variable.environmentScope()),
				Boolean.TRUE.equals(variable.protectedOnly()), !Boolean.FALSE.equals(variable.hidden()));
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	static NewTokenRequestForm form(ApiDtos.NewRequest body) {
		ApiDtos.Variable variable = body.variable();
		return new NewTokenRequestForm(body.target(), body.tokenName(), body.description(),
				(body.scopes() != null) ? body.scopes() : List.of(),
				(body.accessLevel() != null) ? body.accessLevel().toString() : null, body.expiresOn(),
				body.justification(), (body.lifetimeHours() != null) ? body.lifetimeHours().toString() : null,
				(variable != null) ? "variable" : "show", (variable != null) ? variable.destinationPath() : null,
				(variable != null) ? variable.key() : null, (variable != null) ? variable.environmentScope() : null,
				(variable != null && Boolean.TRUE.equals(variable.protectedOnly())) ? "true" : null,
				(variable != null && !Boolean.FALSE.equals(variable.hidden())) ? "true" : null,
				(variable != null && Boolean.TRUE.equals(variable.autoRotate())) ? "true" : null);
	}

	private static ApiBadRequestException refused(HttpStatus status, BeanPropertyBindingResult errors) {
		List<ApiBadRequestException.Field> fields = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			String field = (error instanceof FieldError fieldError)
					? FIELDS.getOrDefault(fieldError.getField(), fieldError.getField()) : null;
			fields.add(new ApiBadRequestException.Field(field, error));
		}
		String code = switch (status) {
			case TOO_MANY_REQUESTS -> "open-request-limit";
			case CONFLICT -> "not-enough-owners";
			case SERVICE_UNAVAILABLE -> "gitlab-unavailable";
			default -> "invalid-request";
		};
		return new ApiBadRequestException(status, code, fields);
	}

}
