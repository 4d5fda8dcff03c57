package dev.tokenportal.notifications;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.ExpiringTokenHook;
import dev.tokenportal.gitlab.InvalidWebhookException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitLab's webhooks: {@code POST /webhooks/gitlab}, authenticated by the shared secret in
 * {@code X-Gitlab-Token} (no session, no CSRF token: GitLab is not a browser). GitLab
 * ignores the body of the answer; the short message is for its delivery log.
 *
 * @author Token Portal team
 */
@RestController
@EnableConfigurationProperties(GitLabWebhookProperties.class)
class GitLabWebhookController {

	static final String PATH = "/webhooks/gitlab";

	private static final int MAX_KEY_LENGTH = 255;

	private final GitLabWebhookProperties properties;

	private final GitLabWebhooks webhooks;

	GitLabWebhookController(GitLabWebhookProperties properties, GitLabWebhooks webhooks) {
		this.properties = properties;
		this.webhooks = webhooks;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, String>> receive(
			@RequestHeader(name = "X-Gitlab-Token", required = false) @Nullable String token,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
			@RequestHeader(name = "X-Gitlab-Event-UUID", required = false) @Nullable String eventUuid,
			@RequestBody(required = false) byte @Nullable [] body) {
		if (!this.properties.accepts(token)) {
			return answer(HttpStatus.UNAUTHORIZED, "X-Gitlab-Token is missing or wrong");
		}
		String key = hasText(idempotencyKey) ? idempotencyKey : eventUuid;
		if (!hasText(key) || key.length() > MAX_KEY_LENGTH) {
			return refuse("Neither an Idempotency-Key nor an X-Gitlab-Event-UUID header of at most 255 characters",
					null);
		}
		ExpiringTokenHook hook;
		try {
			hook = ExpiringTokenHook.parse((body != null) ? body : new byte[0]);
		}
		catch (InvalidWebhookException ex) {
			return refuse(ex.getMessage(), key);
		}
		boolean handled = this.webhooks.expiring(hook, key, hasText(eventUuid) ? eventUuid : null);
		return answer(HttpStatus.OK, handled ? "received" : "already received");
	}

	private ResponseEntity<Map<String, String>> refuse(String reason, @Nullable String key) {
		this.webhooks.refused(reason, key);
		return answer(HttpStatus.BAD_REQUEST, reason);
	}

	private static ResponseEntity<Map<String, String>> answer(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("message", message));
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
