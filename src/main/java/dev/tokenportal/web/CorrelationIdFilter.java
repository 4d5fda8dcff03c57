package dev.tokenportal.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id that appears in the logs, in the
 * {@code X-Correlation-Id} response header and on error pages, so a person can quote it
 * and an operator can find the request. A well-formed {@code X-Request-Id} from a proxy
 * is kept; anything else is replaced, so a client cannot inject text into the logs.
 *
 * @author Token Portal team
 */
@Component
// right after ForwardedHeadersFilter
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CorrelationIdFilter extends OncePerRequestFilter {

	/** The request attribute, MDC key and error-model key that hold the id. */
	public static final String ATTRIBUTE = "correlationId";

	static final String RESPONSE_HEADER = "X-Correlation-Id";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = correlationId(request.getHeader("X-Request-Id"));
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(RESPONSE_HEADER, id);
		MDC.put(ATTRIBUTE, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(ATTRIBUTE);
		}
	}

	private static String correlationId(String incoming) {
		return (incoming != null && SAFE_ID.matcher(incoming).matches()) ? incoming : UUID.randomUUID().toString();
	}

}
