package dev.tokenportal.policy;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.security.access.AccessDeniedException;
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

/**
 * The policy admin pages, for portal admins only (checked here and again on every service
 * method).
 *
 * @author Token Portal team
 */
@Controller
@RequestMapping("/admin/policy")
class PolicyAdminController {

	private static final String VIEW_POLICY = "policy/admin";

	private static final String VIEW_GROUP = "policy/group";

	private static final String REDIRECT_POLICY = "redirect:/admin/policy";

	private static final String DEFAULTS_FORM = "defaultsForm";

	private static final String OVERRIDE_FORM = "overrideForm";

	private static final String DEACTIVATION_FORM = "deactivationForm";

	private final PolicyAdministration administration;

	PolicyAdminController(PolicyAdministration administration) {
		this.administration = administration;
	}

	@GetMapping
	String showPolicy(@AuthenticationPrincipal OidcUser principal, Model model) {
		requireAdmin(principal);
		PolicyAdminPage page = this.administration.page();
		model.addAttribute("page", page);
		model.addAttribute(DEFAULTS_FORM, PolicyRulesForm.of(null, page.defaults()));
		return VIEW_POLICY;
	}

	@PostMapping
	String changeDefaults(@ModelAttribute(DEFAULTS_FORM) PolicyRulesForm form, BindingResult result,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PolicyEditor admin = requireAdmin(principal);
		if (!result.hasErrors() && this.administration.changeDefaults(form, result, admin) != null) {
			redirect.addFlashAttribute("message", "policy.saved");
			return REDIRECT_POLICY;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("page", this.administration.page());
		return VIEW_POLICY;
	}

	@GetMapping({ "/groups/new", "/groups/{group}" })
	String initOverrideForm(@PathVariable(required = false) @Nullable String group,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		requireAdmin(principal);
		return showGroup(this.administration.overrideForm(group), new DeactivationForm(null), model);
	}

	@PostMapping("/groups")
	String changeOverride(@ModelAttribute(OVERRIDE_FORM) PolicyRulesForm form, BindingResult result,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PolicyEditor admin = requireAdmin(principal);
		if (!result.hasErrors() && this.administration.changeOverride(form, result, admin) != null) {
			redirect.addFlashAttribute("message", "policy.override.saved");
			return REDIRECT_POLICY;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return showGroup(form, new DeactivationForm(null), model);
	}

	@PostMapping("/groups/{group}/deactivate")
	String deactivateOverride(@PathVariable String group,
			@Valid @ModelAttribute(DEACTIVATION_FORM) DeactivationForm form, BindingResult result,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		PolicyEditor admin = requireAdmin(principal);
		if (result.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return showGroup(this.administration.overrideForm(group), form, model);
		}
		this.administration.deactivate(group, form.comment(), admin);
		redirect.addFlashAttribute("message", "policy.override.deactivated");
		return REDIRECT_POLICY;
	}

	private String showGroup(PolicyRulesForm form, DeactivationForm deactivation, Model model) {
		model.addAttribute("page", this.administration.page());
		model.addAttribute(OVERRIDE_FORM, form);
		if (!model.containsAttribute(DEACTIVATION_FORM)) {
			model.addAttribute(DEACTIVATION_FORM, deactivation);
		}
		return VIEW_GROUP;
	}

	private static PolicyEditor requireAdmin(OidcUser principal) {
		CurrentUser user = CurrentUser.of(principal);
		if (!user.has(PortalRole.ADMIN)) {
			throw new AccessDeniedException("Only portal admins may change the approval policy");
		}
		return PolicyEditor.user(user.gitlabUserId(), user.username());
	}

}
