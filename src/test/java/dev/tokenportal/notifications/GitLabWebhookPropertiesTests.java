package dev.tokenportal.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook secret check: only the configured secret passes, and without one nothing
 * does.
 *
 * @author Token Portal team
 */
class GitLabWebhookPropertiesTests {

	@Test
	void acceptsOnlyTheSecret() {
		GitLabWebhookProperties properties = new GitLabWebhookProperties("s3cret-value");
		assertThat(properties.accepts("s3cret-value")).isTrue();
		assertThat(properties.accepts("s3cret-valuE")).isFalse();
		assertThat(properties.accepts("s3cret")).isFalse();
		assertThat(properties.accepts("")).isFalse();
		assertThat(properties.accepts(null)).isFalse();
	}

	@Test
	void withoutASecretEverythingIsRefused() {
		assertThat(new GitLabWebhookProperties(null).accepts("")).isFalse();
		assertThat(new GitLabWebhookProperties("").accepts("")).isFalse();
		assertThat(new GitLabWebhookProperties("  ").accepts("  ")).isFalse();
	}

	@Test
	void neverPrintsTheSecret() {
		assertThat(new GitLabWebhookProperties("s3cret-value"))
			.hasToString("GitLabWebhookProperties[webhookSecret=******]");
	}

}
