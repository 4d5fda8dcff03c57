package dev.tokenportal.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A limit of zero would lock everyone out; startup refuses it and names the setting.
 *
 * @author Token Portal team
 */
class LimitsPropertiesTests {

	@Test
	void aLimitBelowOneStopsStartupNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitsProperties(5, 0, 60, 20))
			.withMessage("portal.limits.tokens-per-user-per-hour must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitsProperties(-1, 10, 60, 20))
			.withMessageStartingWith("portal.limits.open-requests-per-user");
		assertThatIllegalArgumentException().isThrownBy(() -> new LimitsProperties(5, 10, 60, 0))
			.withMessageStartingWith("portal.limits.request-denials-per-user-per-hour");
	}

	@Test
	void waitsAreWordedForPeople() {
		assertThat(RateLimitExceededException.readable(java.time.Duration.ofSeconds(1))).isEqualTo("1 second");
		assertThat(RateLimitExceededException.readable(java.time.Duration.ofSeconds(59))).isEqualTo("59 seconds");
		assertThat(RateLimitExceededException.readable(java.time.Duration.ofSeconds(61))).isEqualTo("2 minutes");
		assertThat(RateLimitExceededException.readable(java.time.Duration.ofSeconds(360))).isEqualTo("6 minutes");
	}

}
