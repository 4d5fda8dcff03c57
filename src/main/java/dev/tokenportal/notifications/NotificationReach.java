package dev.tokenportal.notifications;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What the request page says about notifications: the Owners the portal could not reach
 * by e-mail. Templates read it as {@code @notificationReach}, so {@code requests} needs
 * no dependency on this module.
 *
 * @author Token Portal team
 */
@Component("notificationReach")
public class NotificationReach {

	private final NotificationLog log;

	NotificationReach(NotificationLog log) {
		this.log = log;
	}

	/**
	 * The Owners nobody knows an e-mail address for.
	 * @param requestId the request
	 * @return their usernames, sorted; empty when everyone was reached
	 */
	public List<String> unreachableOwners(UUID requestId) {
		return this.log.unreachable(requestId);
	}

}
