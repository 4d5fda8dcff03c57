package dev.gitlabsandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP response the sandbox is about to send.
 *
 * @author Token Portal team
 */
final class SandboxResponse {

	private final int status;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final byte[] body;

	private SandboxResponse(int status, byte[] body, @Nullable String contentType) {
		this.status = status;
		this.body = body;
		if (contentType != null) {
			this.headers.put("Content-Type", contentType);
		}
	}

	static SandboxResponse json(int status, Object body) {
		return new SandboxResponse(status, Json.write(body), "application/json");
	}

	static SandboxResponse html(int status, String body) {
		return new SandboxResponse(status, body.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
	}

	static SandboxResponse text(int status, String body) {
		return raw(status, "text/plain", body);
	}

	static SandboxResponse raw(int status, String contentType, String body) {
		return new SandboxResponse(status, body.getBytes(StandardCharsets.UTF_8), contentType);
	}

	static SandboxResponse empty(int status) {
		return new SandboxResponse(status, new byte[0], null);
	}

	static SandboxResponse redirect(String location) {
		return empty(302).header("Location", location);
	}

	SandboxResponse header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	int status() {
		return this.status;
	}

	Map<String, String> headers() {
		return this.headers;
	}

	byte[] body() {
		return this.body;
	}

}
