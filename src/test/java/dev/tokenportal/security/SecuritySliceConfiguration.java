package dev.tokenportal.security;

import java.time.Clock;

import dev.tokenportal.gitlab.GitLabTokenClient;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.mockito.Mockito.mock;

/**
 * {@link SecurityConfiguration} and what it needs, for web slices. Signed-in users come
 * from {@link SignedIn} and are fresh, so the session never asks GitLab again and no
 * sign-in reaches the callback: the mocks here are never called.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfiguration.class)
class SecuritySliceConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ClientRegistrationRepository clientRegistrationRepository() {
		// what GitLabClientConfiguration registers, pointing nowhere: a slice never signs
		// in
		return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("gitlab")
			.clientId("portal")
			.clientSecret("unused")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile", "email", "read_api")
			.authorizationUri("http://gitlab.invalid/oauth/authorize")
			.tokenUri("http://gitlab.invalid/oauth/token")
			.jwkSetUri("http://gitlab.invalid/oauth/discovery/keys")
			.userInfoUri("http://gitlab.invalid/oauth/userinfo")
			.userNameAttributeName("sub")
			.build());
	}

	@Bean
	LoginThrottle loginThrottle() {
		return mock(LoginThrottle.class);
	}

	@Bean
	PortalUserService portalUserService() {
		return mock(PortalUserService.class);
	}

	@Bean
	GitLabTokenClient gitLabTokenClient() {
		return mock(GitLabTokenClient.class);
	}

}
