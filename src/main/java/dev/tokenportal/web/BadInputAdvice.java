package dev.tokenportal.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bad input anywhere in the portal is a 400 that says what is wrong, in plain words, or a
 * 404 when an id in the address cannot name anything; never a 500 or a bare "Something
 * went wrong".
 *
 * @author Token Portal team
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class BadInputAdvice {

	private static final String VIEW_ERROR = "error";

	private final MessageSource messages;

	BadInputAdvice(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ModelAndView typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request,
			HttpServletResponse response) {
		if (ex.getParameter().hasParameterAnnotation(PathVariable.class)) {
			// no such id can exist, so there is nothing at this address
			return page(HttpStatus.NOT_FOUND, List.of(), request, response);
		}
		return page(HttpStatus.BAD_REQUEST, List.of(message(typeMismatch(ex.getName(), ex.getRequiredType()))), request,
				response);
	}

	@ExceptionHandler
	ModelAndView missing(MissingServletRequestParameterException ex, HttpServletRequest request,
			HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST,
				List.of(message(new DefaultMessageSourceResolvable(new String[] { "badInput.missing" },
						new Object[] { ex.getParameterName() }))),
				request, response);
	}

	@ExceptionHandler
	ModelAndView invalidForm(BindException ex, HttpServletRequest request, HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST, ex.getAllErrors().stream().map(this::message).distinct().toList(), request,
				response);
	}

	@ExceptionHandler
	ModelAndView invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request,
			HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST, ex.getAllErrors().stream().map(this::message).distinct().toList(), request,
				response);
	}

	@ExceptionHandler
	ModelAndView invalidParameters(ConstraintViolationException ex, HttpServletRequest request,
			HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST, ex.getConstraintViolations().stream().map(this::message).sorted().toList(),
				request, response);
	}

	@ExceptionHandler
	ModelAndView badInput(BadInputException ex, HttpServletRequest request, HttpServletResponse response) {
		return page(HttpStatus.BAD_REQUEST, List.of(message(ex)), request, response);
	}

	@ExceptionHandler
	ModelAndView refused(ResponseStatusException ex, HttpServletRequest request, HttpServletResponse response)
			throws ResponseStatusException {
		if (!ex.getStatusCode().is4xxClientError()) {
			throw ex;
		}
		HttpStatus status = HttpStatus.valueOf(ex.getStatusCode().value());
		return page(status, (ex.getReason() != null) ? List.of(ex.getReason()) : List.of(), request, response);
	}

	private ModelAndView page(HttpStatus status, List<String> problems, HttpServletRequest request,
			HttpServletResponse response) {
		response.setStatus(status.value());
		ModelAndView page = new ModelAndView(VIEW_ERROR, Map.of("status", status.value(), "problems", problems),
				status);
		Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
		if (correlationId != null) {
			page.addObject(CorrelationIdFilter.ATTRIBUTE, correlationId);
		}
		return page;
	}

	private String message(MessageSourceResolvable error) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(error, locale);
	}

	// Bean Validation interpolated the violation's own message in the request's locale
	private String message(ConstraintViolation<?> violation) {
		String field = null;
		for (Path.Node node : violation.getPropertyPath()) {
			field = node.getName();
		}
		return (field != null) ? message(new DefaultMessageSourceResolvable(new String[] { "badInput.field" },
				new Object[] { field, violation.getMessage() })) : violation.getMessage();
	}

	/**
	 * The words for a value of the wrong kind: {@code typeMismatch.java.lang.Long} and
	 * the like, as Spring's binder uses for form fields.
	 */
	private static MessageSourceResolvable typeMismatch(String name, @Nullable Class<?> type) {
		String[] codes = (type != null) ? new String[] {
				"typeMismatch." + ClassUtils.resolvePrimitiveIfNecessary(type).getName(), "typeMismatch" }
				: new String[] { "typeMismatch" };
		return new DefaultMessageSourceResolvable(codes, new Object[] { name });
	}

}
