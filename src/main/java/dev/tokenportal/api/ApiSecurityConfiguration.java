package dev.tokenportal.api;

import dev.tokenportal.security.FailedCredentials;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * {@code /api/**} in a filter chain of its own, before the pages' chain: the caller's
 * GitLab token in {@code Authorization: Bearer} authenticates each call; no session is
 * created or read (a session cookie authenticates nothing here), no CSRF token is asked
 * for, since no browser sends the credential by itself.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

	static final String API_PATHS = "/api/**";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 2)
	SecurityFilterChain apiFilterChain(HttpSecurity http, ApiCallerVerifier verifier, ApiProblemWriter problems,
			FailedCredentials failures) throws Exception {
		// @formatter:off
		http
			.securityMatcher(API_PATHS)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
						new ApiCallerRejectedException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Bearer")))
				.accessDeniedHandler((request, response, ex) -> problems.write(request, response,
						new ApiCallerRejectedException(HttpStatus.FORBIDDEN, "forbidden", null))))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.frameOptions((frame) -> frame.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
			.addFilterBefore(new BearerTokenFilter(verifier, problems, failures), BasicAuthenticationFilter.class);
		// @formatter:on
		return http.build();
	}

}
