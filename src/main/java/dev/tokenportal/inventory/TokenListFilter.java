package dev.tokenportal.inventory;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.ListCursor;
import dev.tokenportal.requests.RequestListQuery;
import dev.tokenportal.requests.TokenRequestStatus;

/**
 * The filter of "My tokens", as the query string carries it; a value that cannot be used
 * is refused with a 400 naming it.
 *
 * @param state {@code active}, {@code revoked}, {@code expired}, or empty for all
 * @param target part of the project's or group's path
 * @param q part of the token's name
 * @param after where the page starts (the link to the next page carries it)
 * @author Token Portal team
 */
public record TokenListFilter(
		@Nullable @Pattern(regexp = "|active|revoked|expired",
				message = "{tokens.list.filter.state.invalid}") String state,
		@Nullable @Size(max = 512, message = "{requests.list.filter.target.size}") String target,
		@Nullable @Size(max = 200, message = "{tokens.list.filter.q.size}") String q, @Nullable ListCursor after) {

	/** The states the filter offers, in the order the page lists them. */
	public static final List<String> STATES = InventoryFilter.STATES;

	RequestListQuery query() {
		return RequestListQuery.of(statuses(), this.target, this.q, this.after);
	}

	private Set<TokenRequestStatus> statuses() {
		String chosen = (this.state != null) ? this.state : "";
		return switch (chosen) {
			case "active" -> Set.of(TokenRequestStatus.ISSUED);
			case "revoked" -> Set.of(TokenRequestStatus.REVOKED);
			case "expired" -> Set.of(TokenRequestStatus.EXPIRED);
			default -> InventoryService.ISSUED_ONCE;
		};
	}

	/**
	 * Whether anything narrows the list, for the page to tell "none yet" from "none
	 * match".
	 * @return {@code true} when a filter is set
	 */
	public boolean narrowed() {
		return (this.state != null && !this.state.isBlank()) || (this.target != null && !this.target.isBlank())
				|| (this.q != null && !this.q.isBlank());
	}

}
