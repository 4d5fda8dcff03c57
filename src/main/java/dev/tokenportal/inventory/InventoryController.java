package dev.tokenportal.inventory;

import dev.tokenportal.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

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
	String showMyTokens(@AuthenticationPrincipal OidcUser principal, Model model) {
		model.addAttribute("tokens", this.inventory.tokensOf(CurrentUser.of(principal)));
		return VIEW_LIST;
	}

}
