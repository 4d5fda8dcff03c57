package dev.tokenportal.web;

import org.springframework.context.MessageSourceResolvable;

/**
 * Input the portal can never use: a 400 that says what is wrong, as a message code with
 * arguments resolved in the reader's locale. Its {@link #getMessage()} is the code, for
 * logs.
 *
 * @author Token Portal team
 */
class BadInputException extends RuntimeException implements MessageSourceResolvable {

	private final String code;

	private final Object[] args;

	BadInputException(String code, Object... args) {
		super(code);
		this.code = code;
		this.args = args.clone();
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.code };
	}

	@Override
	public Object[] getArguments() {
		return this.args.clone();
	}

}
