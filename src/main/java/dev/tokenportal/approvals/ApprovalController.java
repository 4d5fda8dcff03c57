package dev.tokenportal.approvals;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContext;

/**
 * The approval queue and the approve and reject buttons. Decisions redirect to the
 * request's page, with what happened in the flash.
 *
 * @author Token Portal team
 */
@Controller
class ApprovalController {

	private final ApprovalService approvals;

	ApprovalController(ApprovalService approvals) {
		this.approvals = approvals;
	}

	@GetMapping("/approvals")
	String inbox(@Valid @ModelAttribute("filter") QueueFilter filter, @AuthenticationPrincipal OidcUser principal,
			Model model) {
		// a filter or page link that cannot be used is a 400 naming it
		// (web/BadInputAdvice)
		model.addAttribute("queue", this.approvals.queue(CurrentUser.of(principal), filter));
		return "approvals/inbox";
	}

	@PostMapping("/requests/{id}/approve")
	String approve(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal, RedirectAttributes redirect,
			HttpServletRequest request) {
		try {
			ApprovalResult result = this.approvals.approve(id, CurrentUser.of(principal));
			redirect.addFlashAttribute("message", (result.status() == TokenRequestStatus.APPROVED)
					? "approvals.flash.approved" : "approvals.flash.approvalRecorded");
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(ex));
		}
		return "redirect:/requests/{id}";
	}

	@PostMapping("/requests/{id}/reject")
	String reject(@PathVariable UUID id, @Valid RejectForm form, BindingResult result,
			@AuthenticationPrincipal OidcUser principal, RedirectAttributes redirect, HttpServletRequest request) {
		if (result.hasErrors()) {
			redirect.addFlashAttribute("flashError", result.getAllErrors().get(0).getDefaultMessage());
			return "redirect:/requests/{id}";
		}
		try {
			this.approvals.reject(id, CurrentUser.of(principal), form.reason());
			redirect.addFlashAttribute("message", "approvals.flash.rejected");
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(ex));
		}
		return "redirect:/requests/{id}";
	}

}
