package dev.tokenportal.security;

import jakarta.servlet.http.HttpSession;

import dev.tokenportal.gitlab.GitLabSignInRejected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Notes in the session that GitLab refused the user's own token, so that
 * {@link GitLabSessionFilter} acts on it at the next request instead of waiting for the
 * interval.
 *
 * @author Token Portal team
 */
@Component
class GitLabSignInListener {

	@EventListener
	void onRejected(GitLabSignInRejected event) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpSession session = attributes.getRequest().getSession(false);
			if (session != null) {
				session.setAttribute(GitLabSessionFilter.TOKEN_REJECTED, event.status());
			}
		}
	}

}
