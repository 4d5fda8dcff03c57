package dev.tokenportal.limits;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

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
		assertThat(waitOf(1)).isEqualTo("1 second");
		assertThat(waitOf(59)).isEqualTo("59 seconds");
		assertThat(waitOf(61)).isEqualTo("2 minutes");
		assertThat(waitOf(360)).isEqualTo("6 minutes");
	}

	@Test
	void theRefusalSaysTheLimitAndTheWait() {
		RateLimitExceededException refused = new RateLimitExceededException(UserLimit.TOKEN_CREATION, 10,
				Duration.ofSeconds(301));
		assertThat(bundle().getMessage(refused, Locale.ENGLISH))
			.isEqualTo("You have reached the limit of 10 tokens created per hour. Try again in 6 minutes.");
	}

	private static String waitOf(long seconds) {
		return bundle().getMessage(RateLimitExceededException.readable(Duration.ofSeconds(seconds)), Locale.ENGLISH);
	}

	private static MessageSource bundle() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages/limits");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
