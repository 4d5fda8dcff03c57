package dev.tokenportal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

/**
 * Answers 403 with the portal's error page and announces the refusal, so that the audit
 * trail records who tried what.
 *
 * @author Token Portal team
 */
class AuditedAccessDeniedHandler implements AccessDeniedHandler {

	private final AccessDeniedHandler delegate = new AccessDeniedHandlerImpl();

	private final ApplicationEventPublisher events;

	AuditedAccessDeniedHandler(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Long userId = null;
		String username = null;
		if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
			userId = gitLabUserId(user);
			username = user.getPreferredUsername();
		}
		this.events.publishEvent(new AccessDenied(userId, username, request.getMethod(), request.getRequestURI()));
		this.delegate.handle(request, response, denied);
	}

	private static @Nullable Long gitLabUserId(OidcUser user) {
		try {
			return Long.valueOf(user.getSubject());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
