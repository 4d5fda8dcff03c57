package dev.tokenportal.requests;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How long before a lapse the reminder goes out, as {@code portal.notifications.*} binds.
 *
 * @author Token Portal team
 */
class LapseReminderPropertiesTests {

	@Test
	void aDayBeforeByDefault() {
		assertThat(bind(Map.of()).lapseReminderBefore()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void anyPositiveDurationMayBeSet() {
		assertThat(bind(Map.of("portal.notifications.lapse-reminder-before", "6h")).lapseReminderBefore())
			.isEqualTo(Duration.ofHours(6));
	}

	@Test
	void zeroIsRefusedAtStartup() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("portal.notifications.lapse-reminder-before", "0s")))
			.withStackTraceContaining("must be positive");
	}

	private static LapseReminderProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("portal.notifications",
				LapseReminderProperties.class);
	}

}
