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

	AllowedHostsFilter(List<String> hosts) {
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
			// the name is not echoed: it is the client's to choose
			response.sendError(HttpServletResponse.SC_BAD_REQUEST,
					"This portal does not answer to that host name; use its published address");
			return;
		}
		chain.doFilter(request, response);
	}

}
