package dev.tokenportal.notifications;

/**
 * What a message is about; its texts are {@code notifications.<kind>.*} in
 * {@code messages/notifications.properties}.
 *
 * @author Token Portal team
 */
enum NotificationKind {

	/** A request waits for the Owners' approval. */
	APPROVAL_NEEDED,

	/** The requester may now create the token. */
	APPROVED,

	/** An Owner rejected the request, with a reason. */
	REJECTED,

	/** GitLab refused to create the token. */
	ISSUE_REFUSED,

	/** GitLab's answer to the create was lost. */
	ISSUE_UNKNOWN,

	/** A pending request lapses soon unless an Owner decides. */
	LAPSING_PENDING,

	/** An approved request lapses soon unless the requester creates the token. */
	LAPSING_APPROVED,

	/** The token expires soon; renew it. */
	EXPIRING,

	/** GitLab warns that a token made outside the portal expires soon. */
	FOREIGN_EXPIRING,

	/** The portal rotated a delivered token into its variable before it expired. */
	AUTO_ROTATED,

	/** The portal could not rotate a delivered token, and someone has to act. */
	AUTO_ROTATION_ESCALATED

}
