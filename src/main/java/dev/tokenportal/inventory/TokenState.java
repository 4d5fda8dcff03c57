package dev.tokenportal.inventory;

/**
 * How an issued token stands, as My tokens shows it.
 *
 * @author Token Portal team
 */
public enum TokenState {

	/** Working, with more than a week to go. */
	ACTIVE,

	/** Working, but expires within a week. */
	EXPIRES_SOON,

	/** Past its expiry date. */
	EXPIRED,

	/** Revoked. */
	REVOKED

}
