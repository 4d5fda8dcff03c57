package dev.tokenportal.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The security team's inventory pages: tokens issued through the portal, and the tokens
 * GitLab has on one project or group.
 *
 * @author Token Portal team
 */
@Controller
@Validated
@RequestMapping("/inventory")
class AuditorInventoryController {

	private static final Logger logger = LoggerFactory.getLogger(AuditorInventoryController.class);

	private static final String VIEW_ISSUED = "inventory/issued";

	private static final String VIEW_GITLAB = "inventory/gitlab";

	private final AuditorInventoryService inventory;

	AuditorInventoryController(AuditorInventoryService inventory) {
		this.inventory = inventory;
	}

	@GetMapping
	String showIssuedTokens(@Valid @ModelAttribute("filter") InventoryFilter filter, Model model) {
		// a filter that cannot be used is a 400 naming it (web/BadInputAdvice)
		model.addAttribute("states", InventoryFilter.STATES);
		model.addAttribute("inventory", this.inventory.issued(filter));
		return VIEW_ISSUED;
	}

	@GetMapping("/gitlab")
	String showGitLabTokens(@RequestParam(name = "path", required = false) @Size(max = 512,
			message = "{inventory.gitlab.path.size}") @Nullable String path, Model model) {
		model.addAttribute("path", (path != null) ? path.strip() : "");
		if (path == null || path.isBlank()) {
			return VIEW_GITLAB;
		}
		try {
			this.inventory.inGitLab(path)
				.ifPresentOrElse((target) -> model.addAttribute("target", target),
						() -> model.addAttribute("notFound", true));
		}
		catch (GitLabException ex) {
			logger.warn("GitLab could not list the tokens of {}: {}", path, ex.getMessage());
			model.addAttribute("problem", ex.getMessage());
		}
		return VIEW_GITLAB;
	}

}
