package dev.tokenportal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Stylesheets, scripts and images in a filter chain that never looks at the session:
 * served to everyone, they need no user, so a browser's session cookie costs no read of
 * the session store (each was a PostgreSQL round trip, and a row update).
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class PublicResourcesSecurityConfiguration {

	/**
	 * Health stays in the main chain: auditors signed in see its details. A load
	 * balancer's probe sends no cookie, so it costs no session read there either.
	 */
	static final String[] PUBLIC_RESOURCES = { "/css/**", "/js/**", "/images/**", "/favicon.ico" };

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain publicResourcesFilterChain(HttpSecurity http) throws Exception {
		// @formatter:off
		http
			.securityMatcher(PUBLIC_RESOURCES)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.disable())
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(SecurityConfiguration.CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
		// @formatter:on
		return http.build();
	}

}
