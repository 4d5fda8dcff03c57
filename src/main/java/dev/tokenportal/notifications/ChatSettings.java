package dev.tokenportal.notifications;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The default chat channel.
 *
 * @param webhookUrl a Slack-compatible incoming webhook
 * ({@code PORTAL_CHAT_WEBHOOK_URL}), used for targets whose top-level group has no
 * channel of its own; empty for none
 * @author Token Portal team
 */
@ConfigurationProperties("portal.chat")
record ChatSettings(@Nullable String webhookUrl) {

	@Nullable String defaultWebhook() {
		return (this.webhookUrl != null && !this.webhookUrl.isBlank()) ? this.webhookUrl.trim() : null;
	}

}
