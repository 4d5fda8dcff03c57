package dev.gitlabsandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitLab's expiring access token webhook as the sandbox sends it (gitlab-api.md
 * §13.2–13.5): which tokens, once, to which hooks, with which headers and payload.
 *
 * @author Token Portal team
 */
class ExpiringTokenWebhookTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer receiver;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/", (exchange) -> {
			this.received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
					exchange.getRequestBody().readAllBytes()));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void aProjectTokenExpiringWithinSevenDaysGoesOnceToTheProjectsAndItsGroupsHooks() {
		JsonNode token = createToken("projects", SandboxSeed.API_ID, "deploy", today().plusDays(5));
		hook("projects", SandboxSeed.API_ID, "/project", "project-secret", true);
		hook("groups", SandboxSeed.PLATFORM_ID, "/top", null, true);
		hook("groups", SandboxSeed.PLATFORM_BACKEND_ID, "/pushes-only", "x", false);
		hook("projects", SandboxSeed.BILLING_ID, "/sibling", "x", true);
		List<WebhookDelivery> deliveries = sandbox.gitlab().deliverExpiringTokenWebhooks();
		assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(200, 200);
		assertThat(this.received).extracting(Received::path).containsExactly("/project", "/top");
		Received project = this.received.get(0);
		assertThat(project.header("X-Gitlab-Event")).isEqualTo("Resource Access Token Hook");
		assertThat(project.header("X-Gitlab-Token")).isEqualTo("project-secret");
		assertThat(project.header("X-Gitlab-Instance")).isEqualTo(sandbox.gitlab().baseUrl());
		assertThat(project.header("Content-Type")).isEqualTo("application/json");
		assertThat(project.header("User-Agent")).isEqualTo("GitLab/17.8.0");
		assertThat(project.header("X-Gitlab-Webhook-UUID")).isNotBlank();
		assertThat(this.received.get(1).header("X-Gitlab-Token")).isNull();
		assertThat(this.received.get(1).header("X-Gitlab-Event-UUID")).isEqualTo(project.header("X-Gitlab-Event-UUID"));
		assertThat(this.received.get(1).header("Idempotency-Key")).isNotEqualTo(project.header("Idempotency-Key"));
		assertThat(this.received.get(1).header("X-Gitlab-Webhook-UUID"))
			.isNotEqualTo(project.header("X-Gitlab-Webhook-UUID"));
		JsonNode payload = project.json();
		assertThat(payload.get("object_kind").asString()).isEqualTo("access_token");
		assertThat(payload.get("event_name").asString()).isEqualTo("expiring_access_token");
		assertThat(payload.has("group")).isFalse();
		assertThat(payload.get("project").get("id").asLong()).isEqualTo(SandboxSeed.API_ID);
		assertThat(payload.get("project").get("path_with_namespace").asString()).isEqualTo(SandboxSeed.API);
		assertThat(payload.get("project").get("namespace").asString()).isEqualTo("Backend");
		assertThat(payload.get("project").get("web_url").asString())
			.isEqualTo(sandbox.gitlab().baseUrl() + "/" + SandboxSeed.API);
		JsonNode attributes = payload.get("object_attributes");
		assertThat(attributes.propertyNames()).containsExactly("user_id", "created_at", "id", "name", "expires_at");
		assertThat(attributes.get("id").asLong()).isEqualTo(token.get("id").asLong());
		assertThat(attributes.get("user_id").asLong()).isEqualTo(token.get("user_id").asLong());
		assertThat(attributes.get("name").asString()).isEqualTo("deploy");
		assertThat(attributes.get("expires_at").asString()).isEqualTo(today().plusDays(5).toString());
		assertThat(attributes.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
		assertThat(new String(project.body(), StandardCharsets.UTF_8)).doesNotContain(token.get("token").asString());
		assertThat(sandbox.gitlab().deliverExpiringTokenWebhooks()).isEmpty();
		assertThat(this.received).hasSize(2);
	}

	@Test
	void aGroupTokenGoesToTheGroupsAndItsAncestorsHooksOnly() {
		createToken("groups", SandboxSeed.PLATFORM_BACKEND_ID, "group-deploy", today().plusDays(7));
		hook("groups", SandboxSeed.PLATFORM_BACKEND_ID, "/backend", "s", true);
		hook("groups", SandboxSeed.PLATFORM_ID, "/platform", "s", true);
		hook("projects", SandboxSeed.API_ID, "/project", "s", true);
		hook("groups", SandboxSeed.PLATFORM_FRONTEND_ID, "/sibling", "s", true);
		sandbox.gitlab().deliverExpiringTokenWebhooks();
		assertThat(this.received).extracting(Received::path).containsExactly("/backend", "/platform");
		JsonNode payload = this.received.get(0).json();
		assertThat(payload.has("project")).isFalse();
		assertThat(payload.get("group").get("group_id").asLong()).isEqualTo(SandboxSeed.PLATFORM_BACKEND_ID);
		assertThat(payload.get("group").get("group_name").asString()).isEqualTo("Backend");
		assertThat(payload.get("group").get("group_path").asString()).isEqualTo("backend");
		assertThat(payload.get("group").get("full_path").asString()).isEqualTo(SandboxSeed.PLATFORM_BACKEND);
	}

	@Test
	void aTokenIsAnnouncedOnTheRunAfterItComesWithinSevenDays() {
		createToken("projects", SandboxSeed.API_ID, "later", today().plusDays(8));
		hook("projects", SandboxSeed.API_ID, "/project", "s", true);
		assertThat(sandbox.gitlab().deliverExpiringTokenWebhooks()).isEmpty();
		LocalDate tomorrow = today().plusDays(1);
		sandbox.gitlab()
			.state()
			.setClock(Clock.fixed(tomorrow.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
		assertThat(sandbox.gitlab().deliverExpiringTokenWebhooks()).hasSize(1);
	}

	@Test
	void revokedAndPersonalTokensAreNotAnnounced() {
		JsonNode token = createToken("projects", SandboxSeed.API_ID, "revoked", today().plusDays(3));
		sandbox.gitlab().state().revokeToken(token.get("id").asLong());
		sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.ALICE, List.of("api"), today().plusDays(3));
		hook("projects", SandboxSeed.API_ID, "/project", "s", true);
		assertThat(sandbox.gitlab().deliverExpiringTokenWebhooks()).isEmpty();
	}

	@Test
	void aResendKeepsTheIdempotencyKey() {
		createToken("projects", SandboxSeed.API_ID, "deploy", today().plusDays(2));
		hook("projects", SandboxSeed.API_ID, "/project", "s", true);
		WebhookDelivery first = sandbox.gitlab().deliverExpiringTokenWebhooks().get(0);
		WebhookDelivery again = sandbox.gitlab().redeliver(first);
		assertThat(again.status()).isEqualTo(200);
		assertThat(this.received).hasSize(2);
		assertThat(this.received.get(1).header("Idempotency-Key")).isEqualTo(first.header("Idempotency-Key"))
			.isEqualTo(this.received.get(0).header("Idempotency-Key"));
		assertThat(sandbox.gitlab().state().webhookDeliveries()).hasSize(2);
	}

	@Test
	void theSandboxControlRunsTheWorkerAndSendsInTheBackground() {
		createToken("projects", SandboxSeed.API_ID, "deploy", today().plusDays(1));
		hook("projects", SandboxSeed.API_ID, "/project", "s", true);
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client().request("/-/sandbox/expiring-token-webhooks").POST(BodyPublishers.noBody()));
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json().get("deliveries").asInt()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.received.size() == 1);
		assertThat(this.received.get(0).json().get("object_attributes").get("name").asString()).isEqualTo("deploy");
	}

	private JsonNode createToken(String collection, long id, String name, LocalDate expiresAt) {
		SandboxClient.Response response = sandbox.client()
			.post("/api/v4/" + collection + "/" + id + "/access_tokens", SandboxSeed.BOB_TOKEN, Map.of("name", name,
					"scopes", List.of("read_api"), "expires_at", expiresAt.toString(), "access_level", 20));
		assertThat(response.status()).isEqualTo(201);
		return response.json();
	}

	private void hook(String collection, long id, String path, String token, boolean tokenEvents) {
		Map<String, Object> hook = new HashMap<>(
				Map.of("url", "http://localhost:" + this.receiver.getAddress().getPort() + path,
						"resource_access_token_events", tokenEvents, "push_events", false));
		if (token != null) {
			hook.put("token", token);
		}
		SandboxClient.Response response = sandbox.client()
			.post("/api/v4/" + collection + "/" + id + "/hooks", SandboxSeed.ROOT_TOKEN, hook);
		assertThat(response.status()).isEqualTo(201);
	}

	private static LocalDate today() {
		return sandbox.gitlab().state().today();
	}

	/**
	 * One request the receiver got.
	 */
	record Received(String path, Headers headers, byte[] body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		JsonNode json() {
			try {
				return Json.read(this.body);
			}
			catch (RuntimeException ex) {
				throw new UncheckedIOException(new IOException("Not JSON: " + new String(this.body), ex));
			}
		}

	}

}
