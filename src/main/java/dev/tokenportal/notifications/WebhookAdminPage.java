package dev.tokenportal.notifications;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The webhooks admin page.
 *
 * @param receiverUrl the URL GitLab calls, {@code {portal.base-url}/webhooks/gitlab},
 * empty while {@code PORTAL_BASE_URL} is unset
 * @param secretConfigured whether {@code PORTAL_GITLAB_WEBHOOK_SECRET} is set
 * @param groups the top-level groups the service account sees
 * @param unavailable GitLab's words when the groups could not be listed
 * @author Token Portal team
 */
public record WebhookAdminPage(String receiverUrl, boolean secretConfigured, List<GroupHookRow> groups,
		@Nullable String unavailable) {

	/**
	 * Whether admins can register hooks from the portal.
	 * @return {@code true} with a secret and a base URL
	 */
	public boolean canRegister() {
		return this.secretConfigured && !this.receiverUrl.isEmpty();
	}

}
