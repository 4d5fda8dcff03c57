package dev.tokenportal.notifications;

import dev.tokenportal.requests.TokenRequestEvent;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Hears the request's events, and GitLab's warnings about tokens made outside the portal,
 * after their transaction committed, on another thread, so that neither a slow mail
 * server nor a failing one touches the user's request. The event publication registry
 * keeps each event until this completes.
 *
 * @author Token Portal team
 */
@Component
class NotificationListener {

	/** Stable, so that publications stored before a refactoring still find this. */
	static final String ID = "notifications";

	/** Stable as well: GitLab's warnings about tokens made outside the portal. */
	static final String FOREIGN_ID = "notifications.foreign-token-expiring";

	private final Notifier notifier;

	NotificationListener(Notifier notifier) {
		this.notifier = notifier;
	}

	// each message commits on its own (NotificationLog), so no transaction around them
	@ApplicationModuleListener(id = ID, propagation = Propagation.NOT_SUPPORTED)
	void on(TokenRequestEvent event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = FOREIGN_ID, propagation = Propagation.NOT_SUPPORTED)
	void on(ForeignTokenExpiring event) {
		this.notifier.notify(event);
	}

}
