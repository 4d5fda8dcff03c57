package dev.tokenportal;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Gives whole-portal tests a clock they can move: it takes the place of the portal's
 * system clock wherever a {@link java.time.Clock} is injected.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock();
	}

}
