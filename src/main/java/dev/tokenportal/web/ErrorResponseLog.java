package dev.tokenportal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line for every answer of 400 or more, naming the reference its error page shows
 * (also in the line's {@code correlationId} field), so that support finds the line from
 * what a person quotes. Failures (5xx) are errors, with the stack trace; a 5xx that no
 * exception caused (health saying DOWN, polled every few seconds) and refusals (401, 403)
 * warnings; other client errors (404, 400, 409…) information, with the exception's type
 * at most, never its message, which may quote what the client sent. Only the path is
 * logged, never the query string. Its own logger category, so that operators can tune it:
 * {@code logging.level.dev.tokenportal.web.ErrorResponseLog=WARN} leaves out the 404s.
 *
 * @author Token Portal team
 */
final class ErrorResponseLog {

	private static final Logger logger = LoggerFactory.getLogger(ErrorResponseLog.class);

	private ErrorResponseLog() {
	}

	static void answered(HttpServletRequest request, int status, String reference, @Nullable Throwable cause) {
		String method = request.getMethod();
		String path = request.getRequestURI();
		if (status >= 500 && (cause != null || status == 500)) {
			logger.error("{} {} answered {}, reference {}", method, path, status, reference, cause);
		}
		else if (status >= 500 || status == 401 || status == 403) {
			logger.warn("{} {} answered {}, reference {}{}", method, path, status, reference, type(cause));
		}
		else {
			logger.info("{} {} answered {}, reference {}{}", method, path, status, reference, type(cause));
		}
	}

	static void failedAfterCommit(HttpServletRequest request, String reference, Throwable cause) {
		logger.error("{} {} failed after its answer had begun, reference {}", request.getMethod(),
				request.getRequestURI(), reference, cause);
	}

	private static String type(@Nullable Throwable cause) {
		return (cause != null) ? " (" + cause.getClass().getSimpleName() + ")" : "";
	}

}
