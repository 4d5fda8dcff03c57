package dev.tokenportal.notifications;

import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's notification preferences; the target of every message's
 * {@code List-Unsubscribe}.
 *
 * @author Token Portal team
 */
@Controller
@RequestMapping("/preferences")
class PreferencesController {

	private static final String VIEW = "notifications/preferences";

	private final NotificationPreferences preferences;

	private final MailDelivery mail;

	PreferencesController(NotificationPreferences preferences, MailDelivery mail) {
		this.preferences = preferences;
		this.mail = mail;
	}

	@GetMapping
	String showPreferences(@AuthenticationPrincipal OidcUser principal, Model model) {
		CurrentUser user = CurrentUser.of(principal);
		model.addAttribute("form", PreferencesForm.of(this.preferences.of(user.gitlabUserId())));
		model.addAttribute("mailEnabled", this.mail.enabled());
		return VIEW;
	}

	@PostMapping
	String savePreferences(@ModelAttribute("form") PreferencesForm form, @AuthenticationPrincipal OidcUser principal,
			RedirectAttributes redirect) {
		this.preferences.save(CurrentUser.of(principal).gitlabUserId(), form.toPreference());
		redirect.addFlashAttribute("message", "notifications.preferences.saved");
		return "redirect:/preferences";
	}

}
