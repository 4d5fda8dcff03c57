package dev.tokenportal;

import java.time.Duration;

import dev.gitlabsandbox.GitLabSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a load balancer or an operator polling {@code /actuator/health} sees: the
 * application's state at once (a start-up's DOWN does not outlive it), and GitLab asked
 * at most once in ten seconds however often health is polled.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class HealthIntegrationTests {

	private static final String VERSION = "/api/v4/version";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	MovableClock clock;

	@AfterEach
	void restore() {
		AvailabilityChangeEvent.publish(this.context, LivenessState.CORRECT);
		this.clock.reset();
	}

	@Test
	void healthFollowsTheApplicationsStateAtOnce() {
		PortalHttp http = new PortalHttp(this.port);
		AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
		assertThat(http.get("/actuator/health").status()).isEqualTo(503);

		AvailabilityChangeEvent.publish(this.context, LivenessState.CORRECT);

		assertThat(http.get("/actuator/health").status()).as("not an answer remembered from before").isEqualTo(200);
	}

	@Test
	void pollingHealthAsksGitLabAtMostOnceInTenSeconds() {
		PortalHttp http = new PortalHttp(this.port);
		this.clock.advance(Duration.ofSeconds(11));
		this.sandbox.faults().clearCalls();

		for (int i = 0; i < 20; i++) {
			assertThat(http.get("/actuator/health").status()).isEqualTo(200);
		}
		assertThat(this.sandbox.faults().calls("GET", VERSION)).as("20 polls within a second").hasSize(1);

		this.clock.advance(Duration.ofSeconds(11));
		http.get("/actuator/health");
		assertThat(this.sandbox.faults().calls("GET", VERSION)).as("ten seconds later, asked again").hasSize(2);
	}

}
