package dev.tokenportal.requests;

/**
 * The requester already has as many open requests as the portal allows; nothing was
 * saved.
 *
 * @author Token Portal team
 */
public class OpenRequestLimitException extends RuntimeException {

	private final int limit;

	OpenRequestLimitException(int limit) {
		super("You already have " + limit + " open requests, the most the portal allows. Cancel one you no longer "
				+ "need, or wait until they are decided or their tokens created");
		this.limit = limit;
	}

	public int limit() {
		return this.limit;
	}

}
