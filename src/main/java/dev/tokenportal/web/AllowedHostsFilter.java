package dev.tokenportal.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers only to the host names the portal is published under. Redirects that must be
 * absolute (back from sign-in, GitLab's {@code redirect_uri}) are built from the
 * request's host, and a client can put any {@code Host} header on its request; with the
 * names configured, a request for any other host gets 400 before anything builds a URL
 * from it. Health probes are left alone: load balancers often call them by address.
 *
 * @author Token Portal team
 */
class AllowedHostsFilter extends OncePerRequestFilter {

	private final Set<String> hosts;

	private final MessageSource messages;

	AllowedHostsFilter(List<String> hosts, MessageSource messages) {
		this.messages = messages;
		this.hosts = hosts.stream()
			.map(String::strip)
			.filter((host) -> !host.isEmpty())
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.hosts.isEmpty() || request.getRequestURI().startsWith("/actuator/health");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.hosts.contains(request.getServerName().toLowerCase(Locale.ROOT))) {
			// the name is not echoed: it is the client's to choose. Spring MVC has not
			// run, so the error page gets the words in the request's own locale
			request.setAttribute("problems",
					List.of(this.messages.getMessage("error.host.unknown", null, request.getLocale())));
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

}
