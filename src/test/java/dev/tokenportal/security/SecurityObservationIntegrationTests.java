package dev.tokenportal.security;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: the security filters, sign-in and authorization decisions are not observed
 * one by one (a tenth of a page's CPU); the request as a whole still is.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SecurityObservationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aSignedInPageIsTimedAsARequestWithoutAMeterPerSecurityStep() {
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs(SandboxSeed.ALICE);
		assertThat(alice.get("/requests").status()).isEqualTo(200);
		assertThat(this.meters.getMeters()).map((meter) -> meter.getId().getName())
			.contains("http.server.requests")
			.noneMatch((name) -> name.startsWith("spring.security."));
	}

}
