package dev.tokenportal.requests;

import java.util.UUID;

/**
 * The refusals of {@code requests} that other packages' web slices need to throw from
 * their mocks, whose constructors only this package can call.
 *
 * @author Token Portal team
 */
public final class RequestRefusals {

	private RequestRefusals() {
	}

	/**
	 * An action that found its request overdue and lapsed it.
	 * @param id the request
	 * @param reason why it lapsed, as the lapse rule words it
	 * @return the exception
	 */
	public static RequestLapsedException lapsed(UUID id, StatusReason reason) {
		return new RequestLapsedException(id, reason);
	}

}
