package dev.tokenportal.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses any parameter holding a NUL character, which no field of the portal can contain
 * and PostgreSQL refuses to store or compare: a 400 naming the field, instead of a
 * database error deep in a query.
 *
 * @author Token Portal team
 */
class NulCharacterInterceptor implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (parameter.getKey().indexOf('\0') >= 0) {
				throw new BadInputException("badInput.nul.name");
			}
			for (String value : parameter.getValue()) {
				if (value != null && value.indexOf('\0') >= 0) {
					throw new BadInputException("badInput.nul.value", parameter.getKey());
				}
			}
		}
		return true;
	}

}
