package dev.tokenportal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Times in the reader's zone: the resolver that reads the zone with the language (it
 * replaces Boot's {@code Accept-Language}-only resolver, by its bean name), and
 * {@link PageTimes} for the templates, by the name they use.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
public class ViewerTimeConfiguration {

	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new ViewerTimeZone();
	}

	@Bean("times")
	PageTimes pageTimes() {
		return new PageTimes();
	}

}
