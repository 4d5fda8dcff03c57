package dev.tokenportal.inventory;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.requests.ListCursor;

/**
 * One page of the auditors' inventory.
 *
 * @param tokens the tokens on this page
 * @param next where the next page starts, or {@code null} on the last page
 * @param first whether this is the first page
 * @author Token Portal team
 */
public record InventoryPage(List<IssuedToken> tokens, @Nullable ListCursor next, boolean first) {

	public InventoryPage {
		tokens = List.copyOf(tokens);
	}

	static InventoryPage of(KeysetPage<IssuedToken> page) {
		return new InventoryPage(page.items(), page.next(), page.first());
	}

	public boolean hasNext() {
		return this.next != null;
	}

}
