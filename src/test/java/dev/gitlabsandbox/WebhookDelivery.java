package dev.gitlabsandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One webhook request the sandbox sent (or is about to send), and how the receiver
 * answered: {@code 0} when it could not be reached.
 *
 * @param hookId the hook
 * @param url where it went
 * @param headers the request headers, {@code X-Gitlab-Token} included
 * @param body the JSON body
 * @param status the receiver's status, {@code 0} before sending or when unreachable
 * @author Token Portal team
 */
public record WebhookDelivery(long hookId, String url, Map<String, String> headers, byte[] body, int status) {

	public WebhookDelivery {
		headers = Map.copyOf(headers);
	}

	/**
	 * A header of the request.
	 * @param name the header name as GitLab writes it, e.g. {@code Idempotency-Key}
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name);
	}

	/**
	 * The body as JSON.
	 * @return the payload
	 */
	public JsonNode json() {
		return Json.read(this.body);
	}

	WebhookDelivery answered(int status) {
		return new WebhookDelivery(this.hookId, this.url, this.headers, this.body, status);
	}

	@Override
	public String toString() {
		return "WebhookDelivery[hookId=" + this.hookId + ", url=" + this.url + ", event="
				+ this.headers.get("X-Gitlab-Event") + ", status=" + this.status + ", body="
				+ new String(this.body, StandardCharsets.UTF_8) + "]";
	}

}
