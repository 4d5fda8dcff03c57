package dev.tokenportal.notifications;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabTokenClient;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' page of chat channels: every top-level group the service account sees, with
 * the channel that hears about its requests. For portal admins only (checked by the
 * filter chain and here).
 *
 * @author Token Portal team
 */
@Controller
@RequestMapping("/admin/notifications")
class ChatChannelAdminController {

	private static final String VIEW = "notifications/admin";

	private final ChatChannels channels;

	private final GitLabTokenClient gitlab;

	private final ChatSettings settings;

	ChatChannelAdminController(ChatChannels channels, GitLabTokenClient gitlab, ChatSettings settings) {
		this.channels = channels;
		this.gitlab = gitlab;
		this.settings = settings;
	}

	@GetMapping
	String showChannels(@AuthenticationPrincipal OidcUser principal, Model model) {
		requireAdmin(principal);
		return show(model);
	}

	@PostMapping
	String changeChannel(@Valid @ModelAttribute("form") ChatChannelForm form, BindingResult result,
			@AuthenticationPrincipal OidcUser principal, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		CurrentUser admin = requireAdmin(principal);
		if (result.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return show(model);
		}
		this.channels.set(form.group(), form.webhookUrl(), admin.username());
		redirect.addFlashAttribute("message", "notifications.admin.saved");
		return "redirect:/admin/notifications";
	}

	private String show(Model model) {
		Map<String, String> set = this.channels.all();
		List<ChannelRow> rows = this.gitlab.topLevelGroups()
			.stream()
			.map(GitLabGroup::fullPath)
			.map((group) -> new ChannelRow(group, set.get(group)))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("defaultChannel", this.settings.defaultWebhook() != null);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ChatChannelForm("", ""));
		}
		return VIEW;
	}

	private static CurrentUser requireAdmin(OidcUser principal) {
		CurrentUser user = CurrentUser.of(principal);
		if (!user.has(PortalRole.ADMIN)) {
			throw new AccessDeniedException("Only portal admins may set chat channels");
		}
		return user;
	}

	/**
	 * A top-level group and its channel.
	 *
	 * @param group the group's path
	 * @param webhookUrl its own webhook, or {@code null} for the default channel
	 */
	record ChannelRow(String group, @org.jspecify.annotations.Nullable String webhookUrl) {

		/**
		 * The webhook without its path, which works as a credential.
		 * @return scheme and host
		 */
		public String maskedWebhook() {
			if (this.webhookUrl == null) {
				return "";
			}
			java.net.URI uri = java.net.URI.create(this.webhookUrl);
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + "/…";
		}

	}

}
