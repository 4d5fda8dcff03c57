package dev.tokenportal.issuance;

import java.util.Objects;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContext;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The token buttons of a request's page: Create token, I did not receive the token,
 * Revoke and Rotate (the last two after a page that asks for confirmation). A new token's
 * value is rendered in the response to the POST that made it, with
 * {@code Cache-Control: no-store}; no redirect, no session, no flash.
 *
 * @author Token Portal team
 */
@Controller
class IssuanceController {

	static final String VIEW_CREATED = "tokens/created";

	static final String VIEW_CONFLICT = "tokens/conflict";

	static final String VIEW_FAILED = "tokens/failed";

	static final String VIEW_CONFIRM = "tokens/confirm";

	static final String VIEW_DELIVERED = "tokens/delivered";

	private final IssuanceService issuance;

	private final RevocationService revocation;

	private final RotationService rotation;

	IssuanceController(IssuanceService issuance, RevocationService revocation, RotationService rotation) {
		this.issuance = issuance;
		this.revocation = revocation;
		this.rotation = rotation;
	}

	@PostMapping("/requests/{id}/create")
	String processCreate(@PathVariable UUID id, CreateForm form, @AuthenticationPrincipal OidcUser principal,
			Model model, HttpServletResponse response) {
		IssuanceService.Creation created = this.issuance.create(id, CurrentUser.of(principal), form.choice());
		if (created.delivered() != null) {
			return showWhereItWent(created.delivered(), model, response);
		}
		return showValueOnce(created.shown(), model, response);
	}

	@PostMapping("/requests/{id}/not-received")
	String processNotReceived(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal,
			RedirectAttributes redirect) {
		this.issuance.notReceived(id, CurrentUser.of(principal));
		redirect.addFlashAttribute("message", "issuance.notReceived.done");
		return "redirect:/requests/" + id;
	}

	@GetMapping("/requests/{id}/revoke")
	String confirmRevoke(@PathVariable UUID id,
			@RequestParam(name = "returnTo", required = false) @Nullable String returnTo,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		TokenActionConfirmation confirmation = this.revocation.confirmRevoke(id, CurrentUser.of(principal), returnTo);
		model.addAttribute("confirmation", confirmation);
		model.addAttribute("variable", this.revocation.variableOf(confirmation));
		return VIEW_CONFIRM;
	}

	@PostMapping("/requests/{id}/revoke")
	String processRevoke(@PathVariable UUID id,
			@RequestParam(name = "returnTo", required = false) @Nullable String returnTo,
			@RequestParam(name = "reason", required = false) @Nullable String reason,
			@RequestParam(name = "keepVariable", required = false) @Nullable String keepVariable,
			@AuthenticationPrincipal OidcUser principal, RedirectAttributes redirect, HttpServletRequest request) {
		RevocationService.Revocation revoked = this.revocation.revoke(id, CurrentUser.of(principal), reason,
				keepVariable != null);
		redirect.addFlashAttribute("message", "issuance.revoke.done");
		if (revoked.variableLeft() != null) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(revoked.variableLeft()));
		}
		// an allow-list, never a URL from the form
		return "tokens".equals(returnTo) ? "redirect:/tokens" : "redirect:/requests/" + id;
	}

	@GetMapping("/requests/{id}/rotate")
	String confirmRotate(@PathVariable UUID id,
			@RequestParam(name = "returnTo", required = false) @Nullable String returnTo,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		model.addAttribute("confirmation", this.rotation.confirmRotate(id, CurrentUser.of(principal), returnTo));
		return VIEW_CONFIRM;
	}

	@PostMapping("/requests/{id}/rotate")
	String processRotate(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		RotationService.Rotation rotated = this.rotation.rotate(id, CurrentUser.of(principal));
		if (rotated.delivered() != null) {
			return showWhereItWent(rotated.delivered(), model, response);
		}
		if (rotated.token() != null) {
			return showValueOnce(rotated.token(), model, response);
		}
		redirect.addFlashAttribute("message", "issuance.rotate.renewalSubmitted");
		return "redirect:/requests/" + rotated.renewal().getId();
	}

	@ExceptionHandler
	ModelAndView handleConflict(TokenActionConflictException ex) {
		ModelAndView view = new ModelAndView(VIEW_CONFLICT, HttpStatus.CONFLICT);
		view.addObject("requestId", ex.requestId());
		view.addObject("current", ex.current().name());
		return view;
	}

	@ExceptionHandler
	String handleRefused(TokenActionRefusedException ex, HttpServletRequest request) {
		RequestContextUtils.getOutputFlashMap(request)
			.put("flashError", new RequestContext(request).getMessage(ex.problem()));
		return "redirect:/requests/" + ex.requestId();
	}

	@ExceptionHandler
	ModelAndView handleFailed(IssuanceFailedException ex, HttpServletRequest request, HttpServletResponse response) {
		noStore(response);
		ModelAndView view = new ModelAndView(VIEW_FAILED, ex.status());
		view.addObject("requestId", ex.requestId());
		view.addObject("problem", new RequestContext(request).getMessage(ex.problem()));
		return view;
	}

	private static String showValueOnce(CreatedToken token, Model model, HttpServletResponse response) {
		noStore(response);
		model.addAttribute("token", token);
		return VIEW_CREATED;
	}

	private static String showWhereItWent(DeliveredToken token, Model model, HttpServletResponse response) {
		noStore(response);
		model.addAttribute("token", token);
		return VIEW_DELIVERED;
	}

	private static void noStore(HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store, no-cache, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
	}

	/**
	 * The Create token form: the button alone, or with a CI/CD variable chosen for a
	 * request that names none ({@code deliver} set). Check boxes send their name when
	 * ticked.
	 *
	 * @param deliver set when the requester chose to deliver into a variable
	 * @param destinationPath the project or group, by full path
	 * @param variableKey the variable's key
	 * @param environmentScope the environment scope
	 * @param protectedOnly set when only protected branches and tags may see it
	 * @param maskedAndHidden set when it should be hidden as well as masked
	 */
	record CreateForm(@Nullable String deliver, @Nullable String destinationPath, @Nullable String variableKey,
			@Nullable String environmentScope, @Nullable String protectedOnly, @Nullable String maskedAndHidden) {

		VariableDelivery.@Nullable DestinationChoice choice() {
			if (this.deliver == null) {
				return null;
			}
			return new VariableDelivery.DestinationChoice(Objects.toString(this.destinationPath, ""),
					Objects.toString(this.variableKey, ""), Objects.toString(this.environmentScope, ""),
					this.protectedOnly != null, this.maskedAndHidden != null);
		}

	}

}
