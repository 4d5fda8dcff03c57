package dev.tokenportal.approvals;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.springframework.http.HttpStatus;
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
 * The approval queue, the approve button (with an optional comment) and the reject page,
 * which asks for the reason before anything is decided. Decisions redirect to the
 * request's page, with what happened in the flash.
 *
 * @author Token Portal team
 */
@Controller
class ApprovalController {

	static final String VIEW_REJECT = "approvals/reject";

	private static final String REJECT_FORM = "rejectForm";

	private static final String REDIRECT_REQUEST = "redirect:/requests/{id}";

	private final ApprovalService approvals;

	private final ApprovalPages pages;

	ApprovalController(ApprovalService approvals, ApprovalPages pages) {
		this.approvals = approvals;
		this.pages = pages;
	}

	@GetMapping("/approvals")
	String inbox(@Valid @ModelAttribute("filter") QueueFilter filter, @AuthenticationPrincipal OidcUser principal,
			Model model) {
		// a filter or page link that cannot be used is a 400 naming it
		// (web/BadInputAdvice)
		model.addAttribute("queue", this.approvals.queue(CurrentUser.of(principal), filter));
		return "approvals/inbox";
	}

	/**
	 * Approves. A comment that cannot be kept (too long, a token in it) is a 400 naming
	 * the problem (web/BadInputAdvice), and nothing is decided.
	 */
	@PostMapping("/requests/{id}/approve")
	String approve(@PathVariable UUID id, @Valid ApproveForm form, @AuthenticationPrincipal OidcUser principal,
			RedirectAttributes redirect, HttpServletRequest request) {
		try {
			ApprovalResult result = this.approvals.approve(id, CurrentUser.of(principal), form.comment());
			redirect.addFlashAttribute("message", (result.status() == TokenRequestStatus.APPROVED)
					? "approvals.flash.approved" : "approvals.flash.approvalRecorded");
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(ex));
		}
		return REDIRECT_REQUEST;
	}

	@GetMapping("/requests/{id}/reject")
	String initRejectForm(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal, Model model,
			RedirectAttributes redirect, HttpServletRequest request) {
		model.addAttribute(REJECT_FORM, new RejectForm(null));
		return showRejectForm(id, CurrentUser.of(principal), model, redirect, request);
	}

	/**
	 * Rejects, or shows the reject page again with a 400 and the reason's problem next to
	 * it.
	 */
	@PostMapping("/requests/{id}/reject")
	String processRejectForm(@PathVariable UUID id, @Valid @ModelAttribute(REJECT_FORM) RejectForm form,
			BindingResult result, @AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletRequest request, HttpServletResponse response) {
		CurrentUser user = CurrentUser.of(principal);
		if (result.hasErrors()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return showRejectForm(id, user, model, redirect, request);
		}
		try {
			this.approvals.reject(id, user, form.reason());
			redirect.addFlashAttribute("message", "approvals.flash.rejected");
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(ex));
		}
		return REDIRECT_REQUEST;
	}

	// only to who could reject it now; anyone else is told why on the request's page
	private String showRejectForm(UUID id, CurrentUser user, Model model, RedirectAttributes redirect,
			HttpServletRequest request) {
		try {
			model.addAttribute("item", this.pages.rejectable(id, user));
			return VIEW_REJECT;
		}
		catch (ApprovalRefusedException ex) {
			redirect.addFlashAttribute("flashError", new RequestContext(request).getMessage(ex));
			return REDIRECT_REQUEST;
		}
	}

}
