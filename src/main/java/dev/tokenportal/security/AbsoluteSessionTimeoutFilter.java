package dev.tokenportal.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session that has lasted longer than the absolute timeout, however active it is
 * (ASVS 3.3.2; neither Spring Security nor Spring Session does this). The session's
 * creation time survives the session-id change at login, so the limit counts from the
 * first visit.
 *
 * @author Token Portal team
 */
class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

	private final Duration timeout;

	private final Clock clock;

	AbsoluteSessionTimeoutFilter(Duration timeout, Clock clock) {
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && expired(session)) {
			session.invalidate();
			SecurityContextHolder.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean expired(HttpSession session) {
		try {
			Instant created = Instant.ofEpochMilli(session.getCreationTime());
			return !created.plus(this.timeout).isAfter(this.clock.instant());
		}
		catch (IllegalStateException alreadyInvalidated) {
			return false;
		}
	}

}
