package dev.tokenportal.requests;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers an action on a request that lapsed at that moment with 410 and a page that says
 * why and what to do instead.
 *
 * @author Token Portal team
 */
@ControllerAdvice
class RequestLapsedAdvice {

	static final String VIEW = "requests/lapsed";

	@ExceptionHandler
	ModelAndView handleLapsed(RequestLapsedException ex) {
		ModelAndView view = new ModelAndView(VIEW, HttpStatus.GONE);
		view.addObject("requestId", ex.requestId());
		view.addObject("problem", ex.problem());
		return view;
	}

}
