package dev.tokenportal.limits;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a refused action with 429, {@code Retry-After} and a page that says how long to
 * wait.
 *
 * @author Token Portal team
 */
@ControllerAdvice
class RateLimitExceededAdvice {

	static final String VIEW = "limits/exceeded";

	@ExceptionHandler
	ModelAndView handleLimitExceeded(RateLimitExceededException ex, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
		ModelAndView view = new ModelAndView(VIEW, HttpStatus.TOO_MANY_REQUESTS);
		// a code with arguments: the page resolves it in the reader's locale
		view.addObject("problem", ex);
		return view;
	}

}
