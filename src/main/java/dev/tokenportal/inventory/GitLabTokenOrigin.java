package dev.tokenportal.inventory;

/**
 * Where a token GitLab lists on a project or group came from, as far as the portal knows.
 *
 * @author Token Portal team
 */
public enum GitLabTokenOrigin {

	/** The current token of a portal request. */
	PORTAL,

	/**
	 * An earlier token of a portal request: rotated away, or revoked by reconciliation.
	 */
	PORTAL_EARLIER,

	/** Made in GitLab's own UI or API, past the portal's policy and approvals. */
	OUTSIDE

}
