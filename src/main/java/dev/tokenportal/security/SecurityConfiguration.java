package dev.tokenportal.security;

import java.time.Clock;

import dev.tokenportal.gitlab.GitLabTokenClient;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what, how they sign in (GitLab, OIDC with PKCE) and the headers every
 * response carries.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(PortalSecurityProperties.class)
class SecurityConfiguration {

	/**
	 * No inline script or style anywhere, so the policy needs no nonces; forms post only
	 * to the portal.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
			+ "form-action 'self'";

	/**
	 * No Micrometer observation per security filter, authentication and authorization
	 * decision: they cost about a tenth of a page's CPU (bench/run-page-benchmark.sh with
	 * JFR) and nothing reads them; every request is still timed as http.server.requests.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository(PortalSecurityProperties properties) {
		return new EncryptedSessionAuthorizedClientRepository(String.valueOf(properties.sessionSecret()));
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, PortalSecurityProperties properties,
			PortalUserService users, Clock clock, ApplicationEventPublisher events, LoginThrottle throttle,
			GitLabTokenClient gitlab, MessageSource messages, Environment environment) throws Exception {
		PortalRoles roles = new PortalRoles(properties);
		IdTokenSealer sealer = new IdTokenSealer(String.valueOf(properties.sessionSecret()));
		GitLabSessionFilter followGitLab = new GitLabSessionFilter(new GitLabStanding(gitlab, roles),
				properties.userRecheckInterval(), clock, events);
		// @formatter:off
		http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/error", "/css/**", "/js/**", "/images/**", "/favicon.ico").permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
				.requestMatchers(prometheusScrape(environment)).permitAll()
				.requestMatchers("/actuator/**").denyAll()
				.requestMatchers("/audit/**", "/inventory/**").hasRole(PortalRole.AUDITOR.name())
				.requestMatchers("/admin/**").hasRole(PortalRole.ADMIN.name())
				.anyRequest().authenticated())
			.oauth2Login((login) -> login
				.loginPage("/login")
				.failureHandler(new LoginFailureHandler(events, throttle))
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(new GitLabOidcUserService(roles, users, sealer))))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(new AuditedAccessDeniedHandler(events)))
			.logout((logout) -> logout
				.logoutUrl("/logout")
				.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny())
				.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
				.crossOriginOpenerPolicy((coop) -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader((permissions) -> permissions
					.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
			.addFilterBefore(new AbsoluteSessionTimeoutFilter(properties.absoluteSessionTimeout(), clock),
					SecurityContextHolderFilter.class)
			.addFilterAfter(followGitLab, SecurityContextHolderFilter.class)
			.addFilterAfter(new UserLogContextFilter(), GitLabSessionFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle, messages), OAuth2LoginAuthenticationFilter.class);
		// @formatter:on
		return http.build();
	}

	/**
	 * Prometheus scrapes without a session, on the management port only: with
	 * {@code MANAGEMENT_SERVER_PORT} set, the endpoint matcher matches requests there and
	 * never on the application port; without it nothing matches (and the endpoint is not
	 * there, {@code observability}).
	 */
	private static RequestMatcher prometheusScrape(Environment environment) {
		if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT) {
			return (request) -> false;
		}
		return EndpointRequest.to("prometheus");
	}

}
