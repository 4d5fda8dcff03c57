package dev.tokenportal.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the signed-in user in the log lines of their requests: the MDC's {@code userId}
 * (GitLab's user id) and {@code username}, never anything secret. It sets them for the
 * user this request carries and removes those an earlier request on the thread left; it
 * leaves them in place when the request ends, so that the line {@code web} writes for an
 * error answer, after the security filters, names the user too: {@code web}'s
 * {@code CorrelationIdFilter}, around every request, puts the MDC back as it was.
 *
 * @author Token Portal team
 */
class UserLogContextFilter extends OncePerRequestFilter {

	static final String USER_ID = "userId";

	static final String USERNAME = "username";

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2AuthenticationToken token
				&& token.getPrincipal() instanceof OidcUser user) {
			// GitLab's user id is the OIDC subject
			MDC.put(USER_ID, user.getSubject());
			if (user.getPreferredUsername() != null) {
				MDC.put(USERNAME, user.getPreferredUsername());
			}
			else {
				MDC.remove(USERNAME);
			}
		}
		else {
			MDC.remove(USER_ID);
			MDC.remove(USERNAME);
		}
		chain.doFilter(request, response);
	}

}
