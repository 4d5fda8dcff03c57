package dev.tokenportal.web;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the signed-in user, if any.
 *
 * @author Token Portal team
 */
@ControllerAdvice
class LayoutModelAdvice {

	@ModelAttribute("currentUser")
	@Nullable CurrentUser currentUser(@AuthenticationPrincipal @Nullable OidcUser principal) {
		return (principal != null) ? CurrentUser.of(principal) : null;
	}

}
