package dev.tokenportal.inventory;

import jakarta.validation.Valid;

import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * My tokens: what I was issued, how each token stands, and what I can do with it.
 *
 * @author Token Portal team
 */
@Controller
class InventoryController {

	private static final String VIEW_LIST = "tokens/list";

	private final InventoryService inventory;

	InventoryController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/tokens")
	String showMyTokens(@Valid @ModelAttribute("filter") TokenListFilter filter,
			@AuthenticationPrincipal OidcUser principal, Model model) {
		// a filter or page link that cannot be used is a 400 naming it
		// (web/BadInputAdvice)
		model.addAttribute("tokens", this.inventory.tokensOf(CurrentUser.of(principal), filter));
		model.addAttribute("states", TokenListFilter.STATES);
		return VIEW_LIST;
	}

}
