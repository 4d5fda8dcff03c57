package dev.tokenportal.requests;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.gitlab.TokenShapedText;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Scopes;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * The request form's use case: check what was posted, hand it to
 * {@link TokenRequestService#submit}, and turn every refusal into a message next to the
 * field it is about. Nothing is saved unless everything passes.
 *
 * @author Token Portal team
 */
@Service
public class NewTokenRequestForms {

	/** The levels a requester may choose (gitlab-api.md §5.2). */
	static final List<Integer> LEVELS = List.of(10, 20, 30, 40, 50);

	/** Scopes GitLab has, but never for project or group tokens (gitlab-api.md §5.1). */
	static final Set<String> NOT_FOR_RESOURCE_TOKENS = Set.of("read_user", "sudo", "admin_mode", "read_service_ping",
			"openid", "profile", "email", "ai_workflows");

	/**
	 * A project's or group's full path as GitLab allows it: segments of letters, digits,
	 * {@code _ . -}, not starting with {@code -} or {@code .}.
	 */
	static final java.util.regex.Pattern DESTINATION_PATH = java.util.regex.Pattern
		.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*");

	/** GitLab's longest full path we accept. */
	static final int DESTINATION_PATH_MAX = 255;

	private static final Logger logger = LoggerFactory.getLogger(NewTokenRequestForms.class);

	private final TokenRequestService tokenRequests;

	private final PolicyService policy;

	private final SpringValidatorAdapter validator;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	NewTokenRequestForms(TokenRequestService tokenRequests, PolicyService policy, ApplicationEventPublisher events,
			Validator validator, Clock clock) {
		this.tokenRequests = tokenRequests;
		this.policy = policy;
		this.events = events;
		this.validator = new SpringValidatorAdapter(validator);
		this.clock = clock;
	}

	/**
	 * Checks the form and, when it passes, submits the request.
	 * @param form what was posted
	 * @param errors where refusals go, field by field
	 * @param requester who asks
	 * @return the outcome
	 */
	public Submission submit(NewTokenRequestForm form, BindingResult errors, CurrentUser requester) {
		validate(form, errors);
		if (errors.hasErrors()) {
			return Submission.refused(HttpStatus.BAD_REQUEST);
		}
		try {
			TokenRequest request = this.tokenRequests.submit(command(form), requester);
			return new Submission(request.getId(), HttpStatus.FOUND);
		}
		catch (OpenRequestLimitException ex) {
			recordRefusal(form, requester, false, StatusReason.of("requests.submit.openRequestLimit", ex.limit()));
			errors.reject("requests.form.openRequestLimit", new Object[] { ex.limit() }, ex.getMessage());
			return Submission.refused(HttpStatus.TOO_MANY_REQUESTS);
		}
		catch (TargetNotAllowedException ex) {
			// the service saved nothing; a probe for other people's projects is worth a
			// record
			recordRefusal(form, requester, false, StatusReason.of("requests.form.target.notMember"));
			errors.rejectValue("target", "requests.form.target.notMember");
		}
		catch (PolicyDeniedException ex) {
			String field = fieldOf(ex.decision().rule());
			errors.rejectValue(("expiresOn".equals(field) && form.inHours()) ? "lifetimeHours" : field,
					"requests.form.policyDenied", new Object[] { ex.decision().reason() }, ex.getMessage());
		}
		catch (DestinationRefusedException ex) {
			// the service audited it
			StatusReason reason = ex.reason();
			errors.rejectValue("destinationPath", String.valueOf(reason.code()), reason.getArguments(),
					ex.getMessage());
		}
		catch (NotEnoughOwnersException ex) {
			// the service audited it
			errors.reject("requests.form.tooFewOwners", new Object[] { ex.required(), ex.targetPath(), ex.eligible() },
					ex.getMessage());
			return Submission.refused(HttpStatus.CONFLICT);
		}
		catch (GitLabException ex) {
			logger.warn("GitLab could not check a token request: {}", ex.getMessage());
			recordRefusal(form, requester, true, StatusReason.of("requests.submit.gitlabFailed", ex.getMessage()));
			boolean unavailable = ex instanceof GitLabUnavailableException;
			errors.reject(unavailable ? "requests.form.gitlabUnavailable" : "requests.form.gitlabRefused",
					new Object[] { ex.getMessage() }, ex.getMessage());
			return Submission.refused(unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST);
		}
		return Submission.refused(HttpStatus.BAD_REQUEST);
	}

	private void recordRefusal(NewTokenRequestForm form, CurrentUser requester, boolean gitLabFailed,
			StatusReason reason) {
		this.events.publishEvent(new SubmitRefused(TokenRequestEvent.Actor.of(requester), this.clock.instant(), null,
				form.target(), null, reason, null, null, null, gitLabFailed));
	}

	/**
	 * Checks what Bean Validation cannot: scopes GitLab accepts for project and group
	 * tokens, a level GitLab knows, and an expiry date within the portal-wide maximum.
	 * The target's own group may lower the maximum; the policy checks that at submit.
	 * @param form what was posted
	 * @param errors where refusals go
	 */
	void validate(NewTokenRequestForm form, Errors errors) {
		this.validator.validate(form, errors);
		refuseTokenShapedText("tokenName", form.tokenName(), errors);
		refuseTokenShapedText("description", form.description(), errors);
		refuseTokenShapedText("justification", form.justification(), errors);
		validateScopes(form.scopes(), errors);
		Integer level = form.level();
		if (form.accessLevel() != null && (level == null || !LEVELS.contains(level))) {
			errors.rejectValue("accessLevel", "requests.form.accessLevel.invalid");
		}
		validateDelivery(form, errors);
		if (form.inHours()) {
			// hours replace the date, which is then not looked at
			Integer hours = form.hours();
			if (hours == null || !HourLifetime.allowed(hours)) {
				errors.rejectValue("lifetimeHours", "requests.form.lifetimeHours.invalid",
						new Object[] { HourLifetime.MIN_HOURS, HourLifetime.MAX_HOURS }, null);
			}
			return;
		}
		if (form.expiresOn() == null) {
			errors.rejectValue("expiresOn", "NotBlank");
		}
		LocalDate expiresOn = form.expiryDate();
		if (form.expiresOn() != null && expiresOn == null) {
			// written the wrong way, or the right way but a day no calendar has
			boolean iso = form.expiresOn().matches(NewTokenRequestForm.ISO_DATE);
			errors.rejectValue("expiresOn",
					iso ? "requests.form.expiresOn.noSuchDay" : "requests.form.expiresOn.notADate",
					new Object[] { form.expiresOn() }, null);
		}
		if (expiresOn != null) {
			LocalDate today = today();
			int max = this.policy.rulesFor(PolicyService.DEFAULT_SCOPE).maxLifetimeDays();
			if (!expiresOn.isAfter(today)) {
				errors.rejectValue("expiresOn", "requests.form.expiresOn.past", new Object[] { today.plusDays(1) },
						null);
			}
			else if (expiresOn.isAfter(today.plusDays(Math.min(max, PolicyRules.GITLAB_MAX_LIFETIME_DAYS)))) {
				errors.rejectValue("expiresOn", "requests.form.expiresOn.tooLate",
						new Object[] { today.plusDays(max), max }, null);
			}
		}
	}

	/**
	 * Text that Owners, auditors and e-mails will read must not carry a token pasted by
	 * mistake; one error per field, so a field already refused keeps its first reason.
	 */
	private static void refuseTokenShapedText(String field, @Nullable String text, Errors errors) {
		if (!errors.hasFieldErrors(field) && TokenShapedText.holdsToken(text)) {
			errors.rejectValue(field, "requests.form.holdsToken");
		}
	}

	/**
	 * Today in UTC, GitLab's day for expiry dates.
	 * @return the date
	 */
	LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/**
	 * The CI/CD variable's fields, by GitLab's own rules (gitlab-api.md §12.4), only when
	 * the requester chose a variable; whether the destination exists and who may write
	 * there is asked of GitLab at submit.
	 */
	private static void validateDelivery(NewTokenRequestForm form, Errors errors) {
		if (form.delivery() != null && !NewTokenRequestForm.SHOW.equals(form.delivery())
				&& !form.deliversToVariable()) {
			errors.rejectValue("delivery", "requests.form.delivery.invalid");
			return;
		}
		if (!form.deliversToVariable()) {
			if (form.rotatesAutomatically()) {
				errors.rejectValue("autoRotate", "requests.form.autoRotate.needsVariable");
			}
			return;
		}
		String path = form.destinationPath();
		if (path != null && (path.length() > DESTINATION_PATH_MAX || !DESTINATION_PATH.matcher(path).matches())) {
			errors.rejectValue("destinationPath", "requests.form.destinationPath.invalid",
					new Object[] { printable(path) }, null);
		}
		String key = form.variableKey();
		if (key == null) {
			errors.rejectValue("variableKey", "requests.form.variableKey.required");
		}
		else if (key.length() > 255) {
			errors.rejectValue("variableKey", "requests.form.variableKey.tooLong");
		}
		else if (!key.matches(VariableDestination.KEY_PATTERN)) {
			errors.rejectValue("variableKey", "requests.form.variableKey.invalid", new Object[] { printable(key) },
					null);
		}
		String scope = form.environmentScope();
		if (scope != null && (scope.length() > 255 || !scope.matches(VariableDestination.SCOPE_PATTERN))) {
			errors.rejectValue("environmentScope", "requests.form.environmentScope.invalid",
					new Object[] { printable(scope) }, null);
		}
	}

	private void validateScopes(List<String> scopes, Errors errors) {
		if (scopes.isEmpty()) {
			errors.rejectValue("scopes", "requests.form.scopes.required");
			return;
		}
		for (String scope : scopes) {
			if (NOT_FOR_RESOURCE_TOKENS.contains(scope)) {
				errors.rejectValue("scopes", "requests.form.scopes.notForTarget", new Object[] { scope }, null);
				return;
			}
			if (!Scopes.isKnown(scope)) {
				errors.rejectValue("scopes", "requests.form.scopes.unknown", new Object[] { printable(scope) }, null);
				return;
			}
		}
		if (scopes.contains("write_registry") && !scopes.contains("read_registry")) {
			errors.rejectValue("scopes", "requests.form.scopes.writeRegistryNeedsRead");
		}
	}

	private NewTokenRequest command(NewTokenRequestForm form) {
		NewTokenRequest.Delivery delivery = form.deliversToVariable()
				? new NewTokenRequest.Delivery(form.destinationPath(), form.variableKey(), form.scopeOrAll(),
						form.protectedOnly(), form.hidden(), form.rotatesAutomatically())
				: null;
		// for hours the service keeps GitLab's backstop date instead
		return new NewTokenRequest(form.targetType(), form.targetId(), form.tokenName(), form.description(),
				form.scopes(), form.level(), form.judgedExpiry(today()), form.justification(), null, form.hours(),
				delivery);
	}

	/**
	 * The form field a policy refusal is about, by the rule that fired.
	 * @param rule the rule
	 * @return the field, or the form as a whole
	 */
	static String fieldOf(String rule) {
		if (rule.endsWith("scope") || rule.endsWith("scopes")) {
			return "scopes";
		}
		if (rule.endsWith("level")) {
			return "accessLevel";
		}
		if (rule.equals("denied.lifetime") || rule.equals("denied.expiry-past")) {
			return "expiresOn";
		}
		return "target";
	}

	private static String printable(String value) {
		String shown = value.replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 40) ? shown.substring(0, 40) + "…" : shown;
	}

	/**
	 * What became of a submission.
	 *
	 * @param requestId the saved request, or {@code null} when nothing was saved
	 * @param status the answer's status when nothing was saved
	 */
	public record Submission(@Nullable UUID requestId, HttpStatus status) {

		static Submission refused(HttpStatus status) {
			return new Submission(null, status);
		}

	}

}
