package dev.tokenportal.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id that appears in the logs, in the
 * {@code X-Correlation-Id} response header and on error pages, so a person can quote it
 * and an operator can find the request. A well-formed {@code X-Request-Id} from a proxy
 * is kept; anything else is replaced, so a client cannot inject text into the logs. The
 * MDC also carries {@code requestId}, the portal's own id for this one request (the same
 * as the correlation id unless a proxy sent one).
 * <p>
 * Every answer of 400 or more is logged here, with the reference its page shows
 * ({@link ErrorResponseLog}). A failure that would reach the servlet container is turned
 * into a 500 here instead, while the ids are still in the MDC: the container would log it
 * after this filter has cleared them, in a line without the reference. The error page is
 * rendered in an {@code ERROR} dispatch, which gets the same ids. When the request ends
 * the MDC is put back as it was, so what the layers inside added (the user, from
 * {@code security}) stays in every line of the request, the error line included, and no
 * further.
 *
 * @author Token Portal team
 */
@Component
// right after ForwardedHeadersFilter
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class CorrelationIdFilter extends OncePerRequestFilter {

	/** The request attribute, MDC key and error-model key that hold the id. */
	public static final String ATTRIBUTE = "correlationId";

	/** The MDC key, and request attribute, of the portal's own id for the request. */
	public static final String REQUEST_ID = "requestId";

	static final String RESPONSE_HEADER = "X-Correlation-Id";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	private final ErrorAttributes errors;

	CorrelationIdFilter(ErrorAttributes errors) {
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Map<String, String> outer = MDC.getCopyOfContextMap();
		try {
			if (request.getDispatcherType() == DispatcherType.ERROR
					&& request.getAttribute(ATTRIBUTE) instanceof String id) {
				// the error page of a request seen (and logged) already
				MDC.put(ATTRIBUTE, id);
				MDC.put(REQUEST_ID, String.valueOf(request.getAttribute(REQUEST_ID)));
				chain.doFilter(request, response);
				return;
			}
			String requestId = UUID.randomUUID().toString();
			String id = correlationId(request.getHeader("X-Request-Id"), requestId);
			request.setAttribute(ATTRIBUTE, id);
			request.setAttribute(REQUEST_ID, requestId);
			response.setHeader(RESPONSE_HEADER, id);
			MDC.put(ATTRIBUTE, id);
			MDC.put(REQUEST_ID, requestId);
			Throwable failed = null;
			try {
				chain.doFilter(request, response);
			}
			catch (ServletException | IOException | RuntimeException ex) {
				if (response.isCommitted()) {
					// part of the answer is out: no error page can follow, the
					// container ends the answer as broken
					ErrorResponseLog.failedAfterCommit(request, id, ex);
					throw ex;
				}
				failed = ex;
				request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, ex);
				response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			}
			if (response.getStatus() >= 400) {
				ErrorResponseLog.answered(request, response.getStatus(), id, cause(request, failed));
			}
		}
		finally {
			if (outer != null) {
				MDC.setContextMap(outer);
			}
			else {
				MDC.clear();
			}
		}
	}

	/**
	 * What the handler threw, as MVC saw it (a resolved one too), else what reached here.
	 */
	private @Nullable Throwable cause(HttpServletRequest request, @Nullable Throwable failed) {
		Throwable resolved = this.errors.getError(new ServletWebRequest(request));
		return (resolved != null) ? resolved : failed;
	}

	private static String correlationId(@Nullable String incoming, String requestId) {
		return (incoming != null && SAFE_ID.matcher(incoming).matches()) ? incoming : requestId;
	}

}
