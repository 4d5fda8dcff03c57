package dev.tokenportal.inventory;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.ListCursor;
import dev.tokenportal.requests.TokenRequestStatus;

/**
 * The auditors' inventory filter, as the query string carries it; a value the filter
 * cannot use is refused with a 400 naming it.
 *
 * @param target the start of a project or group path
 * @param requester a GitLab username
 * @param state {@code active}, {@code revoked}, {@code expired}, or empty for all
 * @param after where the page starts (the link to the next page carries it)
 * @author Token Portal team
 */
public record InventoryFilter(@Nullable @Size(max = 512, message = "{inventory.filter.target.size}") String target,
		@Nullable @Size(max = 255, message = "{inventory.filter.requester.size}") String requester,
		@Nullable @Pattern(regexp = "|active|revoked|expired",
				message = "{inventory.filter.state.pattern}") String state,
		@Nullable ListCursor after) {

	/** The states the filter offers, in the order the page lists them. */
	public static final List<String> STATES = List.of("active", "revoked", "expired");

	String targetPrefix() {
		return (this.target != null) ? this.target.strip() : "";
	}

	String requesterName() {
		return (this.requester != null) ? this.requester.strip().replaceFirst("^@", "") : "";
	}

	Set<TokenRequestStatus> statuses() {
		String chosen = (this.state != null) ? this.state : "";
		return switch (chosen) {
			case "active" -> Set.of(TokenRequestStatus.ISSUED);
			case "revoked" -> Set.of(TokenRequestStatus.REVOKED);
			case "expired" -> Set.of(TokenRequestStatus.EXPIRED);
			default -> Set.of(TokenRequestStatus.ISSUED, TokenRequestStatus.REVOKED, TokenRequestStatus.EXPIRED);
		};
	}

}
