package dev.tokenportal.observability;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code MANAGEMENT_SERVER_PORT} the actuator shares the application's port, and
 * the Prometheus endpoint is not there at all, not merely refused.
 * {@link PrometheusScrapeIntegrationTests} covers the management port.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ManagementEndpointsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PathMappedEndpoints endpoints;

	@Test
	void withoutAManagementPortThePrometheusEndpointIsNotExposed() {
		assertThat(this.endpoints.getEndpoint(EndpointId.of("prometheus"))).isNull();
		assertThat(this.endpoints.getEndpoint(EndpointId.of("health"))).isNotNull();

		PortalHttp admin = new PortalHttp(this.port);
		admin.loginAs(SandboxSeed.ERIN);
		PortalHttp.Response response = admin.get("/actuator/prometheus");
		assertThat(response.status()).isNotEqualTo(200);
		assertThat(response.body()).doesNotContain("# TYPE");
	}

}
