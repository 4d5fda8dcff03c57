package dev.tokenportal.gitlab;

/**
 * A GitLab webhook the portal cannot use; the message says why, for GitLab's delivery
 * log.
 *
 * @author Token Portal team
 */
public class InvalidWebhookException extends RuntimeException {

	public InvalidWebhookException(String message) {
		super(message);
	}

}
