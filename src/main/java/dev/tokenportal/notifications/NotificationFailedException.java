package dev.tokenportal.notifications;

/**
 * Some messages about an event could not be sent yet; the event publication stays
 * incomplete so that they are tried again.
 *
 * @author Token Portal team
 */
class NotificationFailedException extends RuntimeException {

	NotificationFailedException(String message) {
		super(message);
	}

}
