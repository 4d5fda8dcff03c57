package dev.tokenportal.notifications;

import org.jspecify.annotations.Nullable;

/**
 * One message the portal means to send for an event.
 *
 * @param recipient {@code user:<GitLab id>} or {@code chat:<channel>}, unique per event
 * and channel
 * @param channel how it travels
 * @param kind what it says
 * @param username the recipient's GitLab username, for people
 * @param address the e-mail address, or the chat webhook; {@code null} for an e-mail when
 * nobody knows an address
 * @author Token Portal team
 */
record Outgoing(String recipient, Channel channel, NotificationKind kind, @Nullable String username,
		@Nullable String address) {

	static Outgoing email(long userId, String username, NotificationKind kind, @Nullable String address) {
		return new Outgoing("user:" + userId, Channel.EMAIL, kind, username, address);
	}

	static Outgoing digest(long userId, String username, NotificationKind kind, @Nullable String address) {
		return new Outgoing("user:" + userId, Channel.DIGEST, kind, username, address);
	}

	static Outgoing chat(String channel, NotificationKind kind, String webhookUrl) {
		return new Outgoing("chat:" + channel, Channel.CHAT, kind, null, webhookUrl);
	}

	/**
	 * Whether it is sent when the event is handled (a digest waits; an e-mail without an
	 * address cannot be sent).
	 * @return {@code true} to send now
	 */
	boolean sendNow() {
		return this.channel != Channel.DIGEST && this.address != null;
	}

	/**
	 * What the database keeps of the address: the e-mail address, never a webhook URL
	 * (which works as a credential).
	 * @return the stored address
	 */
	@Nullable String storedAddress() {
		return (this.channel == Channel.CHAT) ? null : this.address;
	}

	@Override
	public String toString() {
		return "Outgoing[" + this.recipient + ", " + this.channel + ", " + this.kind + "]";
	}

}
