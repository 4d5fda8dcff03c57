package dev.tokenportal.inventory;

import java.util.List;

/**
 * One page of the auditors' inventory.
 *
 * @param tokens the tokens on this page
 * @param page the page, from 0
 * @param hasNext whether another page follows
 * @author Token Portal team
 */
public record InventoryPage(List<IssuedToken> tokens, int page, boolean hasNext) {

	public InventoryPage {
		tokens = List.copyOf(tokens);
	}

	public boolean hasPrevious() {
		return this.page > 0;
	}

}
