package dev.tokenportal.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links on pages are written as they are in the templates. springdoc's Swagger UI brings
 * webjars-locator-lite, and with it Boot turns the resource chain on and registers
 * {@link ResourceUrlEncodingFilter}: every link a page renders ({@code @{/tokens}}) was
 * then looked up among the static resources, four class-path misses each, about a fifth
 * of a page's CPU (bench/run-page-benchmark.sh with JFR). No versioning strategy is
 * configured, so the filter never changed a link; this disabled registration keeps Boot
 * from registering it. Serving static resources keeps the chain's cache.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class LinkRenderingConfiguration {

	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> linksWrittenAsTheyAre() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

}
