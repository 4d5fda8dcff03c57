package dev.tokenportal.observability;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Prometheus endpoint exists only on a management port of its own
 * ({@code MANAGEMENT_SERVER_PORT}), where a Prometheus in the same network scrapes it
 * without a session ({@code security} lets it through there); without one it is not
 * exposed at all, so it is never on the port people use.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class PrometheusConfiguration {

	private static final EndpointId PROMETHEUS = EndpointId.of("prometheus");

	@Bean
	EndpointFilter<ExposableWebEndpoint> prometheusOnManagementPortOnly(Environment environment) {
		boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		return (endpoint) -> ownPort || !PROMETHEUS.equals(endpoint.getEndpointId());
	}

}
