package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.support.OAuth2RestClientHttpServiceGroupConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Wires GitLab: the login registration (endpoints derived from {@code GITLAB_URL}, so
 * startup never calls GitLab), and two groups of HTTP interface clients: {@code gitlab},
 * which carries the signed-in user's OAuth token, and {@code gitlab-service}, which
 * carries the service account's token.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GitLabProperties.class)
@ImportHttpServices(group = GitLabClientConfiguration.USER_GROUP,
		types = { GitLabUsersApi.class, GitLabProjectsApi.class, GitLabGroupsApi.class })
@ImportHttpServices(group = GitLabClientConfiguration.SERVICE_GROUP,
		types = { GitLabInstanceApi.class, GitLabMembersApi.class, GitLabAccessTokensApi.class, GitLabHooksApi.class,
				GitLabVariablesApi.class })
@ImportHttpServices(group = GitLabClientConfiguration.CALLER_GROUP, types = GitLabCallerApi.class)
class GitLabClientConfiguration {

	static final String REGISTRATION_ID = "gitlab";

	static final String USER_GROUP = "gitlab";

	static final String SERVICE_GROUP = "gitlab-service";

	/** Calls made with the token an API caller presented, passed per call. */
	static final String CALLER_GROUP = "gitlab-caller";

	/** How long GitLab's version is taken as known: it changes only with an upgrade. */
	static final Duration VERSION_TTL = Duration.ofMinutes(5);

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(GitLabProperties gitlab) {
		String base = gitlab.baseUrl();
		ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("GitLab")
			.clientId(gitlab.clientId())
			.clientSecret(gitlab.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			// read_api lets the portal list what the user belongs to as that user; it
			// never
			// writes to GitLab with the user's token
			.scope("openid", "profile", "email", "read_api")
			.authorizationUri(base + "/oauth/authorize")
			.tokenUri(base + "/oauth/token")
			.userInfoUri(base + "/oauth/userinfo")
			.jwkSetUri(base + "/oauth/discovery/keys")
			.issuerUri(base)
			.userNameAttributeName(IdTokenClaimNames.SUB)
			// PKCE for a confidential client is opt-in in Spring Security
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
			.build();
		return new InMemoryClientRegistrationRepository(registration);
	}

	@Bean
	CacheManagerCustomizer<CaffeineCacheManager> gitLabVersionCache() {
		return (caches) -> caches.registerCustomCache(GitLabClient.VERSION_CACHE,
				Caffeine.newBuilder().expireAfterWrite(VERSION_TTL).maximumSize(1).build());
	}

	@Bean
	CacheManagerCustomizer<CaffeineCacheManager> gitLabMembershipsCache() {
		return (caches) -> caches.registerCustomCache(GitLabMemberships.CACHE,
				Caffeine.newBuilder()
					.expireAfterWrite(GitLabMemberships.TIME_TO_LIVE)
					.maximumSize(GitLabMemberships.MAX_ENTRIES)
					.build());
	}

	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	@Bean
	OAuth2RestClientHttpServiceGroupConfigurer gitLabUserToken(OAuth2AuthorizedClientManager authorizedClientManager) {
		return OAuth2RestClientHttpServiceGroupConfigurer.from(authorizedClientManager);
	}

	/**
	 * Base URL, the service account's header, retries and rate discipline. Ordered last
	 * so that these interceptors sit closest to the wire; retries wrap the rate
	 * discipline, so a call it held back is tried again after its {@code Retry-After}.
	 * Boot's RestClient observation times every call ({@code http.client.requests}),
	 * tagged with the interface's URI template, never an id, and the final status.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	RestClientHttpServiceGroupConfigurer gitLabClients(GitLabProperties gitlab, Clock clock, MeterRegistry meters) {
		GitLabRetryInterceptor retry = new GitLabRetryInterceptor(gitlab.retry(),
				(duration) -> Thread.sleep(duration.toMillis()), clock, meters);
		// monotonic time: a wall clock that jumps would starve or flood the budget
		GitLabRateDiscipline discipline = new GitLabRateDiscipline(gitlab.rateLimit(), TimeMeter.SYSTEM_NANOTIME,
				BlockingStrategy.PARKING);
		return (groups) -> {
			groups.forEachClient((group, builder) -> builder.baseUrl(gitlab.baseUrl()).requestInterceptor(retry));
			// users' calls count against each user's own GitLab limit; the service
			// account's
			// against one shared by everybody's actions
			groups.filterByName(SERVICE_GROUP).forEachClient((group, builder) -> {
				builder.defaultHeader("PRIVATE-TOKEN", gitlab.serviceToken());
				if (gitlab.rateLimit().enabled()) {
					builder.requestInterceptor(discipline);
				}
			});
		};
	}

}
