package dev.tokenportal.web;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.memberships.MembershipService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a user lands on after signing in: who they are in GitLab and what they belong
 * to.
 *
 * @author Token Portal team
 */
@Controller
class HomeController {

	private static final String VIEW_HOME = "home";

	private final MembershipService memberships;

	HomeController(MembershipService memberships) {
		this.memberships = memberships;
	}

	@GetMapping("/")
	String showHome(@RequestParam(name = "q", required = false) @Nullable String search,
			@RequestParam(name = "projects", defaultValue = "1") int projectPage,
			@RequestParam(name = "groups", defaultValue = "1") int groupPage, Model model) {
		model.addAttribute("overview", this.memberships.overview(search, projectPage, groupPage));
		return VIEW_HOME;
	}

}
