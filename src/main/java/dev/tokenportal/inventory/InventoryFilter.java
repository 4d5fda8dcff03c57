package dev.tokenportal.inventory;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestStatus;

/**
 * The auditors' inventory filter, as the query string carries it. Anything unknown counts
 * as not given.
 *
 * @param target the start of a project or group path
 * @param requester a GitLab username
 * @param state {@code active}, {@code revoked}, {@code expired}, or empty for all
 * @param page the page, from 0
 * @author Token Portal team
 */
public record InventoryFilter(@Nullable String target, @Nullable String requester, @Nullable String state,
		@Nullable Integer page) {

	/** The states the filter offers, in the order the page lists them. */
	public static final List<String> STATES = List.of("active", "revoked", "expired");

	/**
	 * The page a query string asks for; anything that is not a number counts as the
	 * first.
	 * @param page the parameter as sent
	 * @return the page, or {@code null}
	 */
	static @Nullable Integer pageOf(@Nullable String page) {
		return (page != null && page.matches("[0-9]{1,5}")) ? Integer.valueOf(page) : null;
	}

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

	int pageNumber() {
		return (this.page != null && this.page > 0) ? Math.min(this.page, 10_000) : 0;
	}

}
