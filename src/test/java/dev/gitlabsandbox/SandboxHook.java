package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A project or group webhook (gitlab-api.md §13.1). The secret token is kept to sign
 * deliveries ({@code X-Gitlab-Token}) and is never returned by the API.
 *
 * @param id the hook id
 * @param source the project or group it belongs to
 * @param url where deliveries go
 * @param token the secret sent back as {@code X-Gitlab-Token}, if any
 * @param name the name (16.9+)
 * @param description the description (16.9+)
 * @param pushEvents the push trigger (GitLab's default: on)
 * @param resourceAccessTokenEvents the "project or group access token" trigger
 * @param enableSslVerification whether deliveries verify TLS
 * @param createdAt when the hook was added
 * @param uuid the hook's own id, sent as {@code X-Gitlab-Webhook-UUID}
 * @author Token Portal team
 */
public record SandboxHook(long id, SourceRef source, String url, @Nullable String token, @Nullable String name,
		@Nullable String description, boolean pushEvents, boolean resourceAccessTokenEvents,
		boolean enableSslVerification, Instant createdAt, String uuid) {

	@Override
	public String toString() {
		return "SandboxHook[id=" + this.id + ", source=" + this.source + ", url=" + this.url + ", token="
				+ ((this.token != null) ? "******" : "<unset>") + ", resourceAccessTokenEvents="
				+ this.resourceAccessTokenEvents + "]";
	}

}
