package dev.tokenportal.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC looks for flash attributes in the session on every request it serves,
 * stylesheets and health checks included: with sessions in PostgreSQL, that was a read of
 * the session store per asset. Public resources never carry a flash message, so they skip
 * the look.
 *
 * @author Token Portal team
 */
class SessionFreeFlashMaps extends SessionFlashMapManager {

	private static final List<PathPattern> PUBLIC_RESOURCES = List
		.of("/css/**", "/js/**", "/images/**", "/favicon.ico", "/actuator/**")
		.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	@Override
	protected @Nullable List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
		PathContainer path = PathContainer.parsePath(request.getRequestURI());
		if (PUBLIC_RESOURCES.stream().anyMatch((pattern) -> pattern.matches(path))) {
			return null;
		}
		return super.retrieveFlashMaps(request);
	}

}
