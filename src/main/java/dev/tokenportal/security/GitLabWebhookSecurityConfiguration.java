package dev.tokenportal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * GitLab's webhooks ({@code POST /webhooks/gitlab}) in a filter chain of their own: no
 * sign-in, no session and no CSRF token, because the shared secret in
 * {@code X-Gitlab-Token} authenticates each call (checked by the receiver, in constant
 * time). Every other path keeps {@link SecurityConfiguration}'s chain.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class GitLabWebhookSecurityConfiguration {

	static final String WEBHOOK_PATH = "/webhooks/gitlab";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain gitLabWebhookFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.securityMatcher(WEBHOOK_PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.frameOptions((frame) -> frame.deny()));
		// @formatter:on
		return http.build();
	}

}
