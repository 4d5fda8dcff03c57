package dev.tokenportal.notifications;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait between resubmissions doubles from {@code retry-after} up to
 * {@code max-retry-interval}.
 *
 * @author Token Portal team
 */
class NotificationPropertiesTests {

	private final NotificationProperties properties = new NotificationProperties(Duration.ofMinutes(1),
			Duration.ofMinutes(10));

	@Test
	void theWaitDoublesAfterEveryAttempt() {
		assertThat(this.properties.backoff(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.properties.backoff(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.properties.backoff(3)).isEqualTo(Duration.ofMinutes(4));
		assertThat(this.properties.backoff(4)).isEqualTo(Duration.ofMinutes(8));
	}

	@Test
	void theWaitStopsGrowingAtTheMaximum() {
		assertThat(this.properties.backoff(5)).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.properties.backoff(1000)).isEqualTo(Duration.ofMinutes(10));
	}

}
