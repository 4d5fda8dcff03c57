package dev.tokenportal.notifications;

import dev.tokenportal.delivery.AutoRotationEvent;
import dev.tokenportal.requests.TokenRequestEvent.RequestApproved;
import dev.tokenportal.requests.TokenRequestEvent.RequestLapsing;
import dev.tokenportal.requests.TokenRequestEvent.RequestRejected;
import dev.tokenportal.requests.TokenRequestEvent.RequestSubmitted;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueRefused;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueUnknown;
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

	/**
	 * Stable (and the prefix of the other ids), so that publications stored before a
	 * refactoring still find their listener.
	 */
	static final String ID = "notifications";

	/** Stable as well: GitLab's warnings about tokens made outside the portal. */
	static final String FOREIGN_ID = "notifications.foreign-token-expiring";

	private final Notifier notifier;

	NotificationListener(Notifier notifier) {
		this.notifier = notifier;
	}

	// One method per event someone hears of: the registry writes a row per listener that
	// accepts an event, so the transitions nobody is told of (ApprovalGiven,
	// IssuanceStarted, TokenIssued, …) write none in their transaction. Each message
	// commits on its own (NotificationLog), so no transaction around them.

	@ApplicationModuleListener(id = ID, propagation = Propagation.NOT_SUPPORTED)
	void on(RequestSubmitted event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".request-approved", propagation = Propagation.NOT_SUPPORTED)
	void on(RequestApproved event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".request-rejected", propagation = Propagation.NOT_SUPPORTED)
	void on(RequestRejected event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".request-lapsing", propagation = Propagation.NOT_SUPPORTED)
	void on(RequestLapsing event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".issue-refused", propagation = Propagation.NOT_SUPPORTED)
	void on(TokenIssueRefused event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".issue-unknown", propagation = Propagation.NOT_SUPPORTED)
	void on(TokenIssueUnknown event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".token-expiring", propagation = Propagation.NOT_SUPPORTED)
	void on(TokenExpiring event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".auto-rotated", propagation = Propagation.NOT_SUPPORTED)
	void on(AutoRotationEvent.Rotated event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = ID + ".auto-rotation-escalated", propagation = Propagation.NOT_SUPPORTED)
	void on(AutoRotationEvent.Escalated event) {
		this.notifier.notify(event);
	}

	@ApplicationModuleListener(id = FOREIGN_ID, propagation = Propagation.NOT_SUPPORTED)
	void on(ForeignTokenExpiring event) {
		this.notifier.notify(event);
	}

}
