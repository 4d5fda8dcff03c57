package dev.tokenportal.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: one way in, with GitLab.
 *
 * @author Token Portal team
 */
@Controller
class LoginController {

	private static final String VIEW_LOGIN = "login";

	@GetMapping("/login")
	String showLogin(Authentication authentication) {
		if (authentication instanceof OAuth2AuthenticationToken) {
			return "redirect:/";
		}
		return VIEW_LOGIN;
	}

}
