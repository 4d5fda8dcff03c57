package dev.tokenportal.gitlab;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup refuses a missing GitLab setting and names the environment variable; secrets
 * never show in {@code toString()}.
 *
 * @author Token Portal team
 */
class GitLabPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void missingGitLabUrlStopsStartupNamingTheVariable() {
		this.contexts
			.withPropertyValues("portal.gitlab.client-id=portal", "portal.gitlab.client-secret=s3cret",
					"portal.gitlab.service-token=service-s3cret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("GITLAB_URL"));
	}

	@Test
	void everyMissingSecretIsNamed() {
		this.contexts.withPropertyValues("portal.gitlab.url=https://gitlab.example.com").run((context) -> {
			assertThat(context).hasFailed();
			String message = context.getStartupFailure().getCause().toString()
					+ context.getStartupFailure().getCause().getCause();
			assertThat(message).contains("GITLAB_CLIENT_ID", "GITLAB_CLIENT_SECRET", "GITLAB_SERVICE_TOKEN");
		});
	}

	@Test
	void toStringMasksSecrets() {
		this.contexts
			.withPropertyValues("portal.gitlab.url=https://gitlab.example.com/", "portal.gitlab.client-id=portal",
					"portal.gitlab.client-secret=client-s3cret", "portal.gitlab.service-token=service-s3cret")
			.run((context) -> {
				GitLabProperties properties = context.getBean(GitLabProperties.class);
				assertThat(properties.toString()).contains("https://gitlab.example.com", "portal")
					.doesNotContain("client-s3cret", "service-s3cret");
				assertThat(properties.baseUrl()).isEqualTo("https://gitlab.example.com");
				assertThat(properties.retry().maxAttempts()).isEqualTo(3);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GitLabProperties.class)
	static class PropertiesConfiguration {

	}

}
