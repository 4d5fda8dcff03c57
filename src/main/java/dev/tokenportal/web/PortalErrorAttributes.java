package dev.tokenportal.web;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Adds the correlation id to error pages and error JSON; everything else stays Boot's
 * default, which shows no stack trace, exception or message.
 *
 * @author Token Portal team
 */
@Component
class PortalErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request, options);
		Object id = request.getAttribute(CorrelationIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (id != null) {
			attributes.put(CorrelationIdFilter.ATTRIBUTE, id);
		}
		return attributes;
	}

}
