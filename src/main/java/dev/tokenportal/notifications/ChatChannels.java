package dev.tokenportal.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which chat channel hears about a target: the channel admins set for its top-level
 * group, else the default one ({@code PORTAL_CHAT_WEBHOOK_URL}), else none.
 *
 * @author Token Portal team
 */
@Service
class ChatChannels {

	static final String DEFAULT = "default";

	private final JdbcTemplate jdbc;

	private final ChatSettings settings;

	private final Clock clock;

	ChatChannels(JdbcTemplate jdbc, ChatSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The channel for a top-level group.
	 * @param topLevelGroup e.g. {@code platform}
	 * @return the channel's name and webhook, or empty when there is none
	 */
	@Transactional(readOnly = true)
	Optional<ChatTarget> forGroup(String topLevelGroup) {
		List<String> own = this.jdbc.queryForList("SELECT webhook_url FROM chat_channel WHERE top_level_group = ?",
				String.class, topLevelGroup);
		if (!own.isEmpty()) {
			return Optional.of(new ChatTarget(topLevelGroup, own.get(0)));
		}
		String fallback = this.settings.defaultWebhook();
		return (fallback != null) ? Optional.of(new ChatTarget(DEFAULT, fallback)) : Optional.empty();
	}

	/**
	 * Whether any chat channel exists at all, so that events nobody would hear of cost no
	 * GitLab calls.
	 * @return {@code true} with a default channel or a group's own
	 */
	@Transactional(readOnly = true)
	boolean any() {
		return this.settings.defaultWebhook() != null || Boolean.TRUE
			.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM chat_channel)", Boolean.class));
	}

	/**
	 * The channels admins set, by top-level group.
	 * @return group to webhook
	 */
	@Transactional(readOnly = true)
	Map<String, String> all() {
		Map<String, String> channels = new LinkedHashMap<>();
		this.jdbc.query("SELECT top_level_group, webhook_url FROM chat_channel ORDER BY top_level_group",
				(RowCallbackHandler) (rs) -> channels.put(rs.getString(1), rs.getString(2)));
		return channels;
	}

	/**
	 * Sets or removes a group's channel.
	 * @param topLevelGroup the group
	 * @param webhookUrl the webhook, or {@code null}/blank to use the default channel
	 * again
	 * @param admin who changed it
	 */
	@Transactional
	void set(String topLevelGroup, @Nullable String webhookUrl, String admin) {
		if (webhookUrl == null || webhookUrl.isBlank()) {
			this.jdbc.update("DELETE FROM chat_channel WHERE top_level_group = ?", topLevelGroup);
			return;
		}
		this.jdbc.update("""
				INSERT INTO chat_channel (top_level_group, webhook_url, updated_by, updated_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (top_level_group) DO UPDATE
				SET webhook_url = EXCLUDED.webhook_url, updated_by = EXCLUDED.updated_by,
				    updated_at = EXCLUDED.updated_at""", topLevelGroup, webhookUrl.trim(), admin,
				Timestamp.from(this.clock.instant()));
	}

	/**
	 * A channel to post to.
	 *
	 * @param name the top-level group, or {@code default}
	 * @param webhookUrl its incoming webhook
	 */
	record ChatTarget(String name, String webhookUrl) {

		@Override
		public String toString() {
			// the webhook URL works as a credential
			return "ChatTarget[" + this.name + "]";
		}

	}

}
