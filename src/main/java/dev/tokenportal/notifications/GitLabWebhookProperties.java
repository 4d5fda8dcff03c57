package dev.tokenportal.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret GitLab sends with every webhook ({@code X-Gitlab-Token}), which is what
 * authenticates it.
 *
 * @param webhookSecret {@code PORTAL_GITLAB_WEBHOOK_SECRET}; unset, every webhook is
 * refused
 * @author Token Portal team
 */
@ConfigurationProperties("portal.gitlab")
public record GitLabWebhookProperties(@Nullable String webhookSecret) {

	/**
	 * Whether a secret is set.
	 * @return {@code true} if webhooks can be accepted
	 */
	public boolean configured() {
		return this.webhookSecret != null && !this.webhookSecret.isBlank();
	}

	/**
	 * Whether a presented token is the secret, compared in constant time.
	 * @param presented the {@code X-Gitlab-Token} header, if any
	 * @return {@code true} only when a secret is set and the token equals it
	 */
	public boolean accepts(@Nullable String presented) {
		if (!configured() || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(String.valueOf(this.webhookSecret).getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "GitLabWebhookProperties[webhookSecret=" + (configured() ? "******" : "<unset>") + "]";
	}

}
