package dev.tokenportal.audit;

import java.util.Locale;

import dev.tokenportal.notifications.GitLabExpiryReported;
import dev.tokenportal.notifications.GitLabHookChanged;
import dev.tokenportal.notifications.GitLabWebhookRefused;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records GitLab's webhooks: each expiry event received (in the transaction that handled
 * it, so a delivery counts as handled only with its event), each authenticated one
 * refused, and admins adding or removing the portal's hook in GitLab. Never the shared
 * secret.
 *
 * @author Token Portal team
 */
@Component
class GitLabWebhookAudit {

	private static final AuditActor GITLAB = new AuditActor(null, "gitlab");

	private final AuditTrail trail;

	GitLabWebhookAudit(AuditTrail trail) {
		this.trail = trail;
	}

	@EventListener
	void onExpiryReported(GitLabExpiryReported event) {
		this.trail.record(AuditEntry.of(AuditAction.WEBHOOK_RECEIVED, AuditOutcome.SUCCESS, GITLAB)
			.target(event.target().resource().name().toLowerCase(Locale.ROOT), event.target().id(),
					event.target().fullPath())
			.request(event.requestId())
			.gitlabToken(event.gitlabTokenId())
			.detail("event", "expiring_access_token")
			.detail("token_name", event.tokenName())
			.detail("expires_at", event.expiresAt().toString())
			.detail("portal_token", event.requestId() != null)
			.detail("reminded", event.reminded())
			.detail("delivery", event.deliveryKey())
			.build());
	}

	@EventListener
	void onRefused(GitLabWebhookRefused event) {
		// the refusal is the whole action: nothing else to commit with
		this.trail.recordAlone(AuditEntry.of(AuditAction.WEBHOOK_RECEIVED, AuditOutcome.DENIED, GITLAB)
			.detail("reason", event.reason())
			.detail("delivery", event.deliveryKey())
			.build());
	}

	@EventListener
	void onHookChanged(GitLabHookChanged event) {
		// the change happened in GitLab; the portal has nothing to commit with it
		this.trail.recordAlone(AuditEntry
			.of(AuditAction.WEBHOOK_CHANGED, AuditOutcome.SUCCESS,
					AuditActor.user(event.adminId(), event.adminUsername()))
			.target("group", event.groupId(), event.groupPath())
			.detail("change", event.registered() ? "registered" : "removed")
			.detail("hook_id", event.hookId())
			.detail("url", event.url())
			.build());
	}

}
