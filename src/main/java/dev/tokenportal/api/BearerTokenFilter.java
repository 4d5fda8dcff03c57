package dev.tokenportal.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import dev.tokenportal.security.FailedCredentials;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets in an API caller by the GitLab token in {@code Authorization: Bearer}. Without
 * that header the call goes on unauthenticated (and the entry point answers 401); any
 * other credential, a cookie included, is ignored. Tokens GitLab refuses count against
 * the caller's address as failed sign-ins do, so guessing costs GitLab calls only until
 * the address is banned; the ban is looked up only when GitLab would be asked.
 *
 * @author Token Portal team
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiCallerVerifier verifier;

	private final ApiProblemWriter problems;

	private final FailedCredentials failures;

	BearerTokenFilter(ApiCallerVerifier verifier, ApiProblemWriter problems, FailedCredentials failures) {
		this.verifier = verifier;
		this.problems = problems;
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null) {
			chain.doFilter(request, response);
			return;
		}
		String token = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? authorization.substring(BEARER.length()).strip() : "";
		if (token.isEmpty() || token.length() > 1024 || !token.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			this.problems.write(request, response, new ApiCallerRejectedException(HttpStatus.UNAUTHORIZED,
					"invalid-token", "Bearer error=\"invalid_request\""));
			return;
		}
		// the ban spares GitLab: a token verified within the minute costs it nothing
		Optional<Duration> banned = this.verifier.knows(token) ? Optional.empty()
				: this.failures.banRemaining(request.getRemoteAddr());
		if (banned.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, banned.get().toSeconds())));
			this.problems.write(request, response,
					new ApiCallerRejectedException(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-tokens", null));
			return;
		}
		ApiCallerAuthentication caller;
		try {
			caller = this.verifier.authenticate(token, request.getMethod());
		}
		catch (ApiCallerRejectedException ex) {
			if (ex.status() == HttpStatus.UNAUTHORIZED) {
				this.failures.failed(request.getRemoteAddr());
			}
			this.problems.write(request, response, ex);
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(caller);
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
