package dev.tokenportal.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks every request's parameters before any controller sees them.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class BadInputConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new NulCharacterInterceptor());
	}

}
