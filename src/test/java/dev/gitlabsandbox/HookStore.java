package dev.gitlabsandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Project and group webhooks, the tokens already announced as expiring, and every
 * delivery made. Callers hold the {@link SandboxState} lock.
 *
 * @author Token Portal team
 */
final class HookStore {

	private final Map<Long, SandboxHook> hooks = new TreeMap<>();

	private final Set<Long> notifiedTokenIds = new HashSet<>();

	private final List<WebhookDelivery> deliveries = new ArrayList<>();

	private long nextId = 1;

	private boolean allowLocalRequests = true;

	SandboxHook add(SandboxHook unnumbered) {
		SandboxHook hook = withId(unnumbered, this.nextId++);
		this.hooks.put(hook.id(), hook);
		return hook;
	}

	void put(SandboxHook hook) {
		this.hooks.put(hook.id(), hook);
	}

	void remove(long id) {
		this.hooks.remove(id);
	}

	List<SandboxHook> of(SourceRef source) {
		return this.hooks.values().stream().filter((hook) -> hook.source().equals(source)).toList();
	}

	Optional<SandboxHook> find(SourceRef source, long id) {
		return Optional.ofNullable(this.hooks.get(id)).filter((hook) -> hook.source().equals(source));
	}

	/**
	 * Marks a token as announced; GitLab's {@code expire_notification_delivered}.
	 * @param tokenId the token
	 * @return {@code true} the first time
	 */
	boolean markNotified(long tokenId) {
		return this.notifiedTokenIds.add(tokenId);
	}

	void recordDelivery(WebhookDelivery delivery) {
		this.deliveries.add(delivery);
	}

	List<WebhookDelivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	boolean allowLocalRequests() {
		return this.allowLocalRequests;
	}

	void allowLocalRequests(boolean allowed) {
		this.allowLocalRequests = allowed;
	}

	void clear() {
		this.hooks.clear();
		this.notifiedTokenIds.clear();
		this.deliveries.clear();
		this.nextId = 1;
		this.allowLocalRequests = true;
	}

	private static SandboxHook withId(SandboxHook hook, long id) {
		return new SandboxHook(id, hook.source(), hook.url(), hook.token(), hook.name(), hook.description(),
				hook.pushEvents(), hook.resourceAccessTokenEvents(), hook.enableSslVerification(), hook.createdAt(),
				hook.uuid());
	}

}
