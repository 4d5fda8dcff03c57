package dev.tokenportal.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a banned address at the sign-in callback,
 * before any code is exchanged with GitLab.
 *
 * @author Token Portal team
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	private final MessageSource messages;

	LoginThrottleFilter(LoginThrottle throttle, MessageSource messages) {
		this.throttle = throttle;
		this.messages = messages;
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
			// before Spring MVC: the error page gets the words in the request's own
			// locale
			request.setAttribute("problems",
					List.of(this.messages.getMessage("error.login.throttled", null, request.getLocale())));
			response.sendError(429);
			return;
		}
		chain.doFilter(request, response);
	}

}
