package dev.tokenportal.audit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint and audit chain keys must be set and long enough; startup says which
 * variable, and the keys never show in {@code toString()}.
 *
 * @author Token Portal team
 */
class AuditPropertiesTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void missingKeyStopsStartupNamingTheVariable() {
		this.contexts.withPropertyValues("portal.audit.chain-key=" + "c".repeat(32))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("PORTAL_FINGERPRINT_KEY"));
	}

	@Test
	void shortKeyIsRefused() {
		this.contexts
			.withPropertyValues("portal.audit.fingerprint-key=short", "portal.audit.chain-key=" + "c".repeat(32))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("at least 32 characters"));
	}

	@Test
	void missingOrShortChainKeyStopsStartupNamingTheVariable() {
		ApplicationContextRunner withFingerprintKey = this.contexts
			.withPropertyValues("portal.audit.fingerprint-key=" + "k".repeat(32));
		withFingerprintKey.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("set PORTAL_AUDIT_KEY"));
		withFingerprintKey.withPropertyValues("portal.audit.chain-key=" + "c".repeat(31))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("PORTAL_AUDIT_KEY must be at least 32 characters"));
	}

	@Test
	void keysAreNeverPrinted() {
		String key = "k".repeat(32);
		String chainKey = "c".repeat(32);
		this.contexts.withPropertyValues("portal.audit.fingerprint-key=" + key, "portal.audit.chain-key=" + chainKey)
			.run((context) -> assertThat(context.getBean(AuditProperties.class).toString()).doesNotContain(key)
				.doesNotContain(chainKey));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditProperties.class)
	static class PropertiesConfiguration {

	}

}
