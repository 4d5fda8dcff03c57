package dev.tokenportal.api;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Problem details (RFC 9457) for the API: a stable {@code type} per kind of error, the
 * title from the message bundles ({@code api.problem.<code>.title}) and a detail in the
 * same plain words as the pages.
 *
 * @author Token Portal team
 */
@Component
class ApiProblems {

	/** Where every problem type lives; a type is this plus its code. */
	static final String TYPE_BASE = "https://token-portal.dev/problems/";

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * A problem whose detail is {@code api.problem.<code>.detail}.
	 * @param status the status
	 * @param code the problem's code, e.g. {@code request-not-found}
	 * @param args the detail's arguments
	 * @return the problem
	 */
	ProblemDetail of(HttpStatusCode status, String code, Object... args) {
		return withDetail(status, code, text("api.problem." + code + ".detail", args));
	}

	/**
	 * A problem whose detail is a message the services gave.
	 * @param status the status
	 * @param code the problem's code
	 * @param detail the message, resolved in the caller's locale
	 * @return the problem
	 */
	ProblemDetail of(HttpStatusCode status, String code, MessageSourceResolvable detail) {
		return withDetail(status, code, text(detail));
	}

	ProblemDetail withDetail(HttpStatusCode status, String code, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code));
		problem.setTitle(text("api.problem." + code + ".title"));
		return problem;
	}

	String text(String code, Object... args) {
		return this.messages.getMessage(code, args, code, locale());
	}

	String text(MessageSourceResolvable message) {
		return this.messages.getMessage(message, locale());
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
