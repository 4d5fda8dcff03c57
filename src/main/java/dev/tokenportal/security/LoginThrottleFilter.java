package dev.tokenportal.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a banned address at the sign-in callback,
 * before any code is exchanged with GitLab.
 *
 * @author Token Portal team
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/login/oauth2/code/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Duration> banned = this.throttle.banRemaining(request.getRemoteAddr());
		if (banned.isPresent()) {
			response.setHeader("Retry-After", String.valueOf(Math.max(1, banned.get().toSeconds())));
			response.sendError(429, "Too many failed sign-ins from this address; try again later");
			return;
		}
		chain.doFilter(request, response);
	}

}
