package dev.tokenportal.api;

import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * A call the API refuses, field by field, in the pages' words.
 *
 * @author Token Portal team
 */
final class ApiBadRequestException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final List<Field> fields;

	ApiBadRequestException(HttpStatus status, String code, List<Field> fields) {
		super(code);
		this.status = status;
		this.code = code;
		this.fields = List.copyOf(fields);
	}

	ApiBadRequestException(String field, String messageCode, Object... args) {
		this(HttpStatus.BAD_REQUEST, "invalid-request",
				List.of(new Field(field, new DefaultMessageSourceResolvable(new String[] { messageCode }, args))));
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	List<Field> fields() {
		return this.fields;
	}

	/**
	 * A refused field.
	 *
	 * @param name the field, or {@code null} for the call as a whole
	 * @param message why
	 */
	record Field(@org.jspecify.annotations.Nullable String name, MessageSourceResolvable message) {
	}

}
