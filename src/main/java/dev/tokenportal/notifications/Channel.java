package dev.tokenportal.notifications;

/**
 * How a message travels.
 *
 * @author Token Portal team
 */
enum Channel {

	/** One e-mail now. */
	EMAIL,

	/** Waits for the recipient's daily digest. */
	DIGEST,

	/** A chat channel's incoming webhook. */
	CHAT

}
