package dev.tokenportal.web;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.memberships.MembershipService;
import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a user lands on after signing in: what waits for their decision, what of
 * theirs needs them now, who they are in GitLab and what they belong to.
 *
 * @author Token Portal team
 */
@Controller
class HomeController {

	private static final String VIEW_HOME = "home";

	private final MembershipService memberships;

	private final HomeAttention attention;

	HomeController(MembershipService memberships, HomeAttention attention) {
		this.memberships = memberships;
		this.attention = attention;
	}

	@GetMapping("/")
	String showHome(@RequestParam(name = "q", required = false) @Nullable String search,
			@RequestParam(name = "projects", defaultValue = "1") int projectPage,
			@RequestParam(name = "groups", defaultValue = "1") int groupPage,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		CurrentUser user = CurrentUser.of(principal);
		model.addAttribute("waiting", this.attention.waitingFor(user));
		model.addAttribute("attention", this.attention.of(user));
		model.addAttribute("overview", this.memberships.overview(principal, search, projectPage, groupPage));
		return VIEW_HOME;
	}

}
