package dev.gitlabsandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * GitLab's daily {@code PersonalAccessTokens::ExpiringWorker} for project and group
 * access tokens (gitlab-api.md §13.2–13.5): each active resource token that expires
 * within 7 days is announced once, to the hooks with {@code resource_access_token_events}
 * of its project and of the groups above it (group tokens: the group and its ancestors),
 * with GitLab's headers and payload.
 *
 * @author Token Portal team
 */
final class ExpiringTokenWebhooks {

	static final String EVENT_HEADER = "Resource Access Token Hook";

	/** Hook data that went through Sidekiq renders times like this (§13.5). */
	private static final DateTimeFormatter HOOK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final int WINDOW_DAYS = 7;

	private static final Log logger = LogFactory.getLog(ExpiringTokenWebhooks.class);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final SandboxState state;

	private final SandboxSettings settings;

	private final String baseUrl;

	ExpiringTokenWebhooks(SandboxState state, SandboxSettings settings, String baseUrl) {
		this.state = state;
		this.settings = settings;
		this.baseUrl = baseUrl;
	}

	/**
	 * The deliveries of one run, not sent yet; the tokens count as announced from here
	 * on. Call with the state lock held.
	 * @return one delivery per token and receiving hook
	 */
	List<WebhookDelivery> plan() {
		LocalDate today = this.state.today();
		List<WebhookDelivery> deliveries = new ArrayList<>();
		for (SandboxToken token : this.state.tokens()) {
			SandboxUser bot = this.state.user(token.userId()).orElse(null);
			if (bot == null || bot.botOf() == null || !token.active(today) || token.expiresAt() == null
					|| token.expiresAt().isAfter(today.plusDays(WINDOW_DAYS))) {
				continue;
			}
			if (!this.state.hookStore().markNotified(token.id())) {
				continue;
			}
			SourceRef source = bot.botOf();
			byte[] body = Json.write(payload(token, source));
			String eventUuid = UUID.randomUUID().toString();
			for (SandboxHook hook : receivers(source)) {
				deliveries.add(new WebhookDelivery(hook.id(), hook.url(), headers(hook, eventUuid), body, 0));
			}
		}
		return deliveries;
	}

	/**
	 * Sends one delivery and records the answer. Call without the state lock: the
	 * receiver may call the sandbox back while it answers.
	 * @param delivery the delivery
	 * @return the delivery with the receiver's status
	 */
	WebhookDelivery send(WebhookDelivery delivery) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
			.timeout(Duration.ofSeconds(10))
			.POST(BodyPublishers.ofByteArray(delivery.body()));
		delivery.headers().forEach(request::header);
		int status;
		try {
			status = HTTP.send(request.build(), BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			logger.warn("Webhook to " + delivery.url() + " failed: " + ex);
			status = 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = 0;
		}
		WebhookDelivery answered = delivery.answered(status);
		synchronized (this.state) {
			this.state.hookStore().recordDelivery(answered);
		}
		return answered;
	}

	/**
	 * The project's own hooks, then those of its group and every ancestor; for a group
	 * token, the group's and its ancestors' (§13.3).
	 */
	private List<SandboxHook> receivers(SourceRef source) {
		List<SandboxHook> hooks = new ArrayList<>();
		Long groupId = source.id();
		if (source.isProject()) {
			hooks.addAll(this.state.hookStore().of(source));
			groupId = this.state.project(source.id()).map(SandboxProject::groupId).orElse(null);
		}
		if (groupId != null) {
			for (long id : this.state.groupLineage(groupId)) {
				hooks.addAll(this.state.hookStore().of(SourceRef.group(id)));
			}
		}
		return hooks.stream().filter(SandboxHook::resourceAccessTokenEvents).toList();
	}

	private Map<String, String> headers(SandboxHook hook, String eventUuid) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("User-Agent", "GitLab/" + this.settings.version());
		headers.put("X-Gitlab-Event", EVENT_HEADER);
		if (hook.token() != null && !hook.token().isEmpty()) {
			headers.put("X-Gitlab-Token", hook.token());
		}
		headers.put("X-Gitlab-Instance", this.baseUrl);
		headers.put("X-Gitlab-Webhook-UUID", hook.uuid());
		headers.put("X-Gitlab-Event-UUID", eventUuid);
		// the same across retries and resends of this delivery (17.4+)
		headers.put("Idempotency-Key", UUID.randomUUID().toString());
		return headers;
	}

	private Map<String, Object> payload(SandboxToken token, SourceRef source) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("object_kind", "access_token");
		if (source.isProject()) {
			payload.put("project", project(this.state.project(source.id()).orElseThrow()));
		}
		else {
			payload.put("group", group(this.state.group(source.id()).orElseThrow()));
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("user_id", token.userId());
		attributes.put("created_at", HOOK_TIME.format(token.createdAt()));
		attributes.put("id", token.id());
		attributes.put("name", token.name());
		attributes.put("expires_at", String.valueOf(token.expiresAt()));
		payload.put("object_attributes", attributes);
		payload.put("event_name", "expiring_access_token");
		return payload;
	}

	private Map<String, @Nullable Object> project(SandboxProject project) {
		String webUrl = this.baseUrl + "/" + project.pathWithNamespace();
		String sshUrl = "ssh://git@" + URI.create(this.baseUrl).getHost() + "/" + project.pathWithNamespace() + ".git";
		String httpUrl = webUrl + ".git";
		Map<String, @Nullable Object> block = new LinkedHashMap<>();
		block.put("id", project.id());
		block.put("name", project.name());
		block.put("description", project.description());
		block.put("web_url", webUrl);
		block.put("avatar_url", null);
		block.put("git_ssh_url", sshUrl);
		block.put("git_http_url", httpUrl);
		block.put("namespace", namespaceName(project));
		block.put("visibility_level", 0);
		block.put("path_with_namespace", project.pathWithNamespace());
		block.put("default_branch", "main");
		block.put("ci_config_path", null);
		block.put("homepage", webUrl);
		block.put("url", sshUrl);
		block.put("ssh_url", sshUrl);
		block.put("http_url", httpUrl);
		return block;
	}

	/** The namespace's name, not its path (§13.5). */
	private String namespaceName(SandboxProject project) {
		if (project.groupId() != null) {
			return this.state.group(project.groupId()).orElseThrow().name();
		}
		return this.state.user(project.ownerId()).orElseThrow().name();
	}

	private static Map<String, Object> group(SandboxGroup group) {
		Map<String, Object> block = new LinkedHashMap<>();
		block.put("group_name", group.name());
		block.put("group_path", group.path());
		block.put("group_id", group.id());
		block.put("full_path", group.fullPath());
		return block;
	}

}
