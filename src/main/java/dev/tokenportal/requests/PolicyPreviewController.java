package dev.tokenportal.requests;

import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The request form's live policy preview, as JSON for {@code request-form.js}.
 *
 * @author Token Portal team
 */
@RestController
class PolicyPreviewController {

	private final PolicyPreviews previews;

	PolicyPreviewController(PolicyPreviews previews) {
		this.previews = previews;
	}

	/**
	 * What the policy will require for the form as filled in so far. Fields that do not
	 * parse count as not filled in.
	 */
	@GetMapping(path = "/requests/preview", produces = MediaType.APPLICATION_JSON_VALUE)
	PolicyPreview preview(@ModelAttribute NewTokenRequestForm form, BindingResult ignored,
			@AuthenticationPrincipal OidcUser principal) {
		return this.previews.preview(form, CurrentUser.of(principal));
	}

	@ExceptionHandler
	ResponseEntity<PolicyPreview> handleLimited(RateLimitExceededException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.body(this.previews.limited(ex));
	}

}
