package dev.tokenportal.notifications;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A template engine of its own for mail, so that the plain-text templates are read in
 * TEXT mode and the web pages' engine stays as Spring Boot made it; {@code #{…}} reads
 * the portal's message bundles.
 *
 * @author Token Portal team
 */
@Component
class MailTemplates {

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	MailTemplates(MessageSource messages) {
		this.engine.addTemplateResolver(resolver(".txt", TemplateMode.TEXT, 1));
		this.engine.addTemplateResolver(resolver(".html", TemplateMode.HTML, 2));
		this.engine.setTemplateEngineMessageSource(messages);
	}

	private static ClassLoaderTemplateResolver resolver(String suffix, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setResolvablePatterns(java.util.Set.of("mail/*" + suffix));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setOrder(order);
		resolver.setCheckExistence(true);
		return resolver;
	}

	TemplateEngine engine() {
		return this.engine;
	}

}
