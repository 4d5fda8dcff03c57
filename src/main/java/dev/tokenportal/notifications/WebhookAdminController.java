package dev.tokenportal.notifications;

import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhooks admin page: GitLab's expiry warnings, registered on top-level groups. For
 * portal admins only (checked here and again on every service method).
 *
 * @author Token Portal team
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhookAdminController {

	private static final String VIEW_WEBHOOKS = "notifications/webhooks";

	private static final String REDIRECT_WEBHOOKS = "redirect:/admin/webhooks";

	private final GitLabHookRegistrations registrations;

	WebhookAdminController(GitLabHookRegistrations registrations) {
		this.registrations = registrations;
	}

	@GetMapping
	String showWebhooks(@AuthenticationPrincipal OidcUser principal, Model model) {
		requireAdmin(principal);
		model.addAttribute("page", this.registrations.page());
		return VIEW_WEBHOOKS;
	}

	@PostMapping("/groups/{groupId}")
	String registerHook(@PathVariable long groupId, @AuthenticationPrincipal OidcUser principal,
			RedirectAttributes redirect) {
		return outcome(this.registrations.register(groupId, requireAdmin(principal)), redirect);
	}

	@PostMapping("/groups/{groupId}/hooks/{hookId}/delete")
	String removeHook(@PathVariable long groupId, @PathVariable long hookId,
			@AuthenticationPrincipal OidcUser principal, RedirectAttributes redirect) {
		return outcome(this.registrations.remove(groupId, hookId, requireAdmin(principal)), redirect);
	}

	private static String outcome(HookChangeResult result, RedirectAttributes redirect) {
		redirect.addFlashAttribute(result.done() ? "webhookDone" : "webhookRefused", result.code());
		redirect.addFlashAttribute("webhookArgs", result.args().toArray(String[]::new));
		return REDIRECT_WEBHOOKS;
	}

	private static CurrentUser requireAdmin(OidcUser principal) {
		CurrentUser user = CurrentUser.of(principal);
		if (!user.has(PortalRole.ADMIN)) {
			throw new AccessDeniedException("Only portal admins may register GitLab webhooks");
		}
		return user;
	}

}
