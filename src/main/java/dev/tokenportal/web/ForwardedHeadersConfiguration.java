package dev.tokenportal.web;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ForwardedHeadersFilter} in front of every other filter, Spring Session and
 * Spring Security included, so nothing reads a forwarded header or the client address
 * before it is decided which to believe.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
class ForwardedHeadersConfiguration {

	@Bean
	FilterRegistrationBean<ForwardedHeadersFilter> forwardedHeadersFilter(ProxyProperties properties) {
		FilterRegistrationBean<ForwardedHeadersFilter> registration = new FilterRegistrationBean<>(
				new ForwardedHeadersFilter(TrustedProxies.of(properties.trustedProxies())));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AllowedHostsFilter> allowedHostsFilter(ProxyProperties properties, MessageSource messages) {
		FilterRegistrationBean<AllowedHostsFilter> registration = new FilterRegistrationBean<>(
				new AllowedHostsFilter(properties.allowedHosts(), messages));
		// once the host is known (from a trusted proxy, or the request) and the request
		// has
		// its correlation id
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
