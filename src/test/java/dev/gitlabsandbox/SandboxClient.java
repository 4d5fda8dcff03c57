package dev.gitlabsandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * A small JDK {@link HttpClient} wrapper for the sandbox's own tests: real HTTP, no
 * redirects followed, GitLab credentials in {@code PRIVATE-TOKEN}.
 *
 * @author Token Portal team
 */
final class SandboxClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	SandboxClient(GitLabSandbox sandbox) {
		this.baseUrl = sandbox.baseUrl();
	}

	Response get(String path, String token) {
		return send(request(path).header("PRIVATE-TOKEN", token).GET());
	}

	Response post(String path, String token, Map<String, ?> json) {
		return send(request(path).header("PRIVATE-TOKEN", token)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(Json.write(json))));
	}

	Response put(String path, String token, Map<String, ?> json) {
		return send(request(path).header("PRIVATE-TOKEN", token)
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofByteArray(Json.write(json))));
	}

	Response delete(String path, String token) {
		return send(request(path).header("PRIVATE-TOKEN", token).DELETE());
	}

	Response postForm(String path, Map<String, String> form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form(form))));
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(10));
	}

	Response send(HttpRequest.Builder request) {
		try {
			return new Response(HTTP.send(request.build(), BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String form(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A received response.
	 */
	record Response(int status, HttpHeaders headers, String body) {

		Response(java.net.http.HttpResponse<String> response) {
			this(response.statusCode(), response.headers(), response.body());
		}

		JsonNode json() {
			return Json.read(this.body.getBytes(StandardCharsets.UTF_8));
		}

		String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
