package dev.tokenportal.requests;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.security.CurrentUser;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContext;

/**
 * Asking for a token (or again, from a request that ended), following one's requests, a
 * request's page, and cancelling after a page that asks first.
 *
 * @author Token Portal team
 */
@Controller
@RequestMapping("/requests")
class TokenRequestController {

	static final String FORM = "tokenRequestForm";

	private static final String VIEW_NEW = "requests/new";

	private static final String VIEW_SHOW = "requests/show";

	private static final String VIEW_LIST = "requests/list";

	private static final String VIEW_CANCEL = "requests/cancel";

	private static final String SUBMIT = "submit";

	private final NewTokenRequestForms forms;

	private final NewTokenRequestPages pages;

	private final TokenRequestViews views;

	private final TokenRequestService tokenRequests;

	TokenRequestController(NewTokenRequestForms forms, NewTokenRequestPages pages, TokenRequestViews views,
			TokenRequestService tokenRequests) {
		this.forms = forms;
		this.pages = pages;
		this.views = views;
		this.tokenRequests = tokenRequests;
	}

	@GetMapping
	String showMyRequests(@Valid @ModelAttribute("filter") RequestListFilter filter,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		// a filter or page link that cannot be used is a 400 naming it
		// (web/BadInputAdvice)
		model.addAttribute("requests", this.views.mine(CurrentUser.of(principal), filter));
		model.addAttribute("statuses", TokenRequestStatus.values());
		return VIEW_LIST;
	}

	/**
	 * A blank form, or with {@code from} the form filled in from one of the user's
	 * requests that ended ("Request again"); someone else's is a 404, one that has not
	 * ended sends them back to it.
	 */
	@GetMapping("/new")
	String initNewRequestForm(@RequestParam(name = "q", required = false) @Nullable String search,
			@RequestParam(name = "target", required = false) @Nullable String target,
			@RequestParam(name = "from", required = false) @Nullable UUID from,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletRequest http) {
		CurrentUser requester = CurrentUser.of(principal);
		NewTokenRequestForm form;
		if (from != null) {
			try {
				form = this.pages.askedAgain(from, requester);
			}
			catch (IllegalTransitionException ex) {
				redirect.addFlashAttribute("flashError",
						new RequestContext(http).getMessage("requests.again.notEnded"));
				return "redirect:/requests/" + from;
			}
			model.addAttribute("againOf", TokenRequest.reference(from));
		}
		else {
			form = this.pages.blankForm(target);
		}
		model.addAttribute(FORM, form);
		model.addAttribute("page", this.pages.page(form, search, requester));
		return VIEW_NEW;
	}

	/**
	 * Submits the form, or (with {@code intent=search} or {@code intent=check}) shows it
	 * again with a narrower list of targets or the policy preview, saving nothing; that
	 * is how the form works without JavaScript.
	 */
	@PostMapping("/new")
	String processNewRequestForm(@ModelAttribute(FORM) NewTokenRequestForm form, BindingResult result,
			@RequestParam(name = "intent", defaultValue = SUBMIT) String intent,
			@RequestParam(name = "q", required = false) @Nullable String search,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		CurrentUser requester = CurrentUser.of(principal);
		if (SUBMIT.equals(intent)) {
			NewTokenRequestForms.Submission submission = this.forms.submit(form, result, requester);
			if (submission.requestId() != null) {
				redirect.addFlashAttribute("message", "requests.new.submitted");
				return "redirect:/requests/" + submission.requestId();
			}
			response.setStatus(submission.status().value());
		}
		model.addAttribute("page", this.pages.page(form, search, requester));
		return VIEW_NEW;
	}

	@GetMapping("/{id}")
	String showRequest(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal, Model model) {
		model.addAttribute("request", this.views.view(id, CurrentUser.of(principal)));
		model.addAttribute("timeline", this.views.timeline(id));
		return VIEW_SHOW;
	}

	@GetMapping("/{id}/cancel")
	String confirmCancel(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal, Model model,
			RedirectAttributes redirect, HttpServletRequest http) {
		TokenRequestView request = this.views.requesterView(id, CurrentUser.of(principal));
		if (!request.cancellable()) {
			redirect.addFlashAttribute("flashError", cancelRefused(request.status(), http));
			return "redirect:/requests/" + id;
		}
		model.addAttribute("request", request);
		return VIEW_CANCEL;
	}

	@PostMapping("/{id}/cancel")
	String cancelRequest(@PathVariable UUID id, @AuthenticationPrincipal OidcUser principal,
			RedirectAttributes redirect, HttpServletRequest http) {
		try {
			this.tokenRequests.cancel(id, CurrentUser.of(principal));
			redirect.addFlashAttribute("message", "requests.cancel.done");
		}
		catch (IllegalTransitionException ex) {
			redirect.addFlashAttribute("flashError", cancelRefused(ex.current(), http));
		}
		return "redirect:/requests/" + id;
	}

	private static String cancelRefused(TokenRequestStatus current, HttpServletRequest http) {
		return new RequestContext(http).getMessage("requests.cancel.refused",
				new Object[] { new DefaultMessageSourceResolvable("requests.status." + current.name()) });
	}

}
