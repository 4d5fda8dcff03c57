package dev.tokenportal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A script's view of the API: JSON over HTTP with a GitLab token, no cookies.
 *
 * @author Token Portal team
 */
final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private @Nullable String token;

	private @Nullable String cookie;

	private @Nullable String idempotencyKey;

	ApiClient(int port, @Nullable String token) {
		this.base = "http://localhost:" + port;
		this.token = token;
	}

	ApiClient withCookie(String cookie) {
		this.cookie = cookie;
		return this;
	}

	ApiClient key(@Nullable String key) {
		this.idempotencyKey = key;
		return this;
	}

	Response get(String path) {
		return send(request(path).GET());
	}

	Response post(String path, @Nullable String json) {
		HttpRequest.Builder request = request(path);
		if (json != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		return send(request);
	}

	Response delete(String path) {
		return send(request(path).DELETE());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json");
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (this.cookie != null) {
			request.header("Cookie", this.cookie);
		}
		if (this.idempotencyKey != null) {
			request.header("Idempotency-Key", this.idempotencyKey);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			return new Response(this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		String body() {
			return this.raw.body();
		}

		JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		@Nullable String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return status() + " " + body();
		}

	}

}
