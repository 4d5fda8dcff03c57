package dev.tokenportal.notifications;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tokenportal.gitlab.GitLabAccessDeniedException;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabHook;
import dev.tokenportal.gitlab.GitLabHooksClient;
import dev.tokenportal.gitlab.GitLabRefusedException;
import dev.tokenportal.gitlab.NewGitLabHook;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Admins register the portal's webhook on the top-level groups the service account owns,
 * so that GitLab tells the portal of expiring access tokens: a group hook with access
 * token events only, TLS verified, the shared secret as its token. GitLab's refusals come
 * back in plain words.
 *
 * @author Token Portal team
 */
@Service
public class GitLabHookRegistrations {

	private final GitLabHooksClient gitlab;

	private final GitLabWebhookProperties properties;

	private final Environment environment;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GitLabHookRegistrations(GitLabHooksClient gitlab, GitLabWebhookProperties properties, Environment environment,
			ApplicationEventPublisher events, Clock clock) {
		this.gitlab = gitlab;
		this.properties = properties;
		this.environment = environment;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The top-level groups and whether the portal's hook is in each.
	 * @return the page
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public WebhookAdminPage page() {
		String url = receiverUrl();
		List<GitLabGroup> groups;
		try {
			groups = this.gitlab.topLevelGroups();
		}
		catch (GitLabException ex) {
			return new WebhookAdminPage(url, this.properties.configured(), List.of(), ex.getMessage());
		}
		List<GroupHookRow> rows = new ArrayList<>();
		for (GitLabGroup group : groups) {
			rows.add(row(group, url));
		}
		return new WebhookAdminPage(url, this.properties.configured(), rows, null);
	}

	/**
	 * Adds the portal's hook to a top-level group, unless it is there already.
	 * @param groupId the group
	 * @param admin who asked
	 * @return what happened
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public HookChangeResult register(long groupId, CurrentUser admin) {
		String url = receiverUrl();
		if (!this.properties.configured()) {
			return HookChangeResult.refused("webhooks.register.noSecret");
		}
		if (url.isEmpty()) {
			return HookChangeResult.refused("webhooks.register.noBaseUrl");
		}
		Optional<GitLabGroup> group = topLevelGroup(groupId);
		if (group.isEmpty()) {
			return HookChangeResult.refused("webhooks.refused.unknownGroup", String.valueOf(groupId));
		}
		String path = group.get().fullPath();
		try {
			if (portalHook(groupId, url).isPresent()) {
				return HookChangeResult.refused("webhooks.register.exists", path);
			}
			GitLabHook hook = this.gitlab.addGroupHook(groupId,
					new NewGitLabHook(url, String.valueOf(this.properties.webhookSecret())));
			this.events.publishEvent(new GitLabHookChanged(true, groupId, path, hook.id(), url, admin.gitlabUserId(),
					admin.username(), this.clock.instant()));
			return HookChangeResult.done("webhooks.registered", path);
		}
		catch (GitLabException ex) {
			return refusal(ex, path, url);
		}
	}

	/**
	 * Removes the portal's hook from a group.
	 * @param groupId the group
	 * @param hookId the hook
	 * @param admin who asked
	 * @return what happened
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public HookChangeResult remove(long groupId, long hookId, CurrentUser admin) {
		String url = receiverUrl();
		Optional<GitLabGroup> group = topLevelGroup(groupId);
		if (group.isEmpty()) {
			return HookChangeResult.refused("webhooks.refused.unknownGroup", String.valueOf(groupId));
		}
		String path = group.get().fullPath();
		try {
			// only the portal's own hook: an admin cannot remove another tool's here
			if (portalHook(groupId, url).filter((hook) -> hook.id() == hookId).isEmpty()) {
				return HookChangeResult.refused("webhooks.remove.notPortals", path);
			}
			this.gitlab.removeGroupHook(groupId, hookId);
			this.events.publishEvent(new GitLabHookChanged(false, groupId, path, hookId, url, admin.gitlabUserId(),
					admin.username(), this.clock.instant()));
			return HookChangeResult.done("webhooks.removed", path);
		}
		catch (GitLabException ex) {
			return refusal(ex, path, url);
		}
	}

	/**
	 * The URL GitLab calls: {@code portal.base-url} (read now, so that a port known only
	 * once the server runs can be part of it) and {@code /webhooks/gitlab}.
	 */
	String receiverUrl() {
		String base = this.environment.getProperty("portal.base-url", "").strip();
		if (base.isEmpty()) {
			return "";
		}
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + GitLabWebhookController.PATH;
	}

	private GroupHookRow row(GitLabGroup group, String url) {
		try {
			Optional<GitLabHook> hook = portalHook(group.id(), url);
			return new GroupHookRow(group.id(), group.fullPath(),
					hook.isPresent() ? GroupHookRow.State.REGISTERED : GroupHookRow.State.ABSENT,
					hook.map(GitLabHook::id).orElse(null), null);
		}
		catch (GitLabAccessDeniedException ex) {
			return new GroupHookRow(group.id(), group.fullPath(), GroupHookRow.State.NOT_OWNER, null, null);
		}
		catch (GitLabException ex) {
			return new GroupHookRow(group.id(), group.fullPath(), GroupHookRow.State.UNAVAILABLE, null,
					ex.getMessage());
		}
	}

	private Optional<GitLabHook> portalHook(long groupId, String url) {
		if (url.isEmpty()) {
			return Optional.empty();
		}
		return this.gitlab.groupHooks(groupId).stream().filter((hook) -> url.equals(hook.url())).findFirst();
	}

	private Optional<GitLabGroup> topLevelGroup(long groupId) {
		return this.gitlab.topLevelGroups().stream().filter((group) -> group.id() == groupId).findFirst();
	}

	private static HookChangeResult refusal(GitLabException ex, String path, String url) {
		if (ex instanceof GitLabAccessDeniedException) {
			return HookChangeResult.refused("webhooks.refused.forbidden", path);
		}
		if (ex instanceof GitLabRefusedException && ex.status() == 422) {
			return HookChangeResult.refused("webhooks.refused.invalidUrl", url, String.valueOf(ex.getMessage()));
		}
		return HookChangeResult.refused("webhooks.refused.other", path, String.valueOf(ex.getMessage()));
	}

}
