package dev.tokenportal.audit;

import dev.tokenportal.security.AccessDenied;
import dev.tokenportal.security.LoginFailed;
import dev.tokenportal.security.RolesChanged;
import dev.tokenportal.security.SessionEnded;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Records sign-ins, failed sign-ins (security.md 2.16), refused access, and sessions that
 * followed GitLab (ended, or their roles changed; security.md 11.3, 11.4): who, from
 * where, and for a failure GitLab's error code; never a code or a token.
 *
 * @author Token Portal team
 */
@Component
class SecurityAuditListener {

	private final AuditTrail trail;

	SecurityAuditListener(AuditTrail trail) {
		this.trail = trail;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof OidcUser user) {
			String username = (user.getPreferredUsername() != null) ? user.getPreferredUsername()
					: String.valueOf(user.getClaimAsString("nickname"));
			this.trail.recordAlone(
					AuditEntry
						.of(AuditAction.LOGIN_SUCCEEDED, AuditOutcome.SUCCESS,
								AuditActor.user(Long.parseLong(user.getSubject()), username))
						.build());
		}
	}

	@EventListener
	void onAccessDenied(AccessDenied event) {
		AuditActor actor = (event.gitlabUserId() != null)
				? AuditActor.user(event.gitlabUserId(), String.valueOf(event.username())) : AuditActor.SYSTEM;
		this.trail.recordAlone(AuditEntry.of(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor)
			.detail("method", event.method())
			.detail("path", event.path())
			.build());
	}

	@EventListener
	void onSessionEnded(SessionEnded event) {
		this.trail
			.recordAlone(AuditEntry
				.of(AuditAction.SESSION_ENDED, AuditOutcome.SUCCESS,
						AuditActor.user(event.gitlabUserId(), event.username()))
				.detail("reason", event.reason())
				.build());
	}

	@EventListener
	void onRolesChanged(RolesChanged event) {
		this.trail.recordAlone(AuditEntry
			.of(AuditAction.ROLES_CHANGED, AuditOutcome.SUCCESS,
					AuditActor.user(event.gitlabUserId(), event.username()))
			.detail("before", event.before().toString())
			.detail("after", event.after().toString())
			.build());
	}

	@EventListener
	void onFailure(LoginFailed event) {
		this.trail.recordAlone(AuditEntry.of(AuditAction.LOGIN_FAILED, AuditOutcome.FAILURE, AuditActor.SYSTEM)
			.detail("error", event.errorCode())
			.build());
	}

}
