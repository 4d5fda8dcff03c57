package dev.tokenportal.approvals;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * An approve or reject was refused; nothing was decided. The exception is its own
 * message: a code in {@code messages/approvals.properties} with arguments, resolved in
 * the reader's locale, safe to show to the person who pressed the button. Its
 * {@link #getMessage()} is the code, for logs.
 *
 * @author Token Portal team
 */
public class ApprovalRefusedException extends RuntimeException implements MessageSourceResolvable {

	private final boolean gitLabFailed;

	private final String code;

	private final Object[] args;

	private ApprovalRefusedException(boolean gitLabFailed, String code, Object... args) {
		super(code);
		this.gitLabFailed = gitLabFailed;
		this.code = code;
		// text, so MessageFormat never groups the digits of a number
		this.args = Arrays.stream(args)
			.map((arg) -> (arg instanceof MessageSourceResolvable) ? arg : String.valueOf(arg))
			.toArray();
	}

	/**
	 * A rule or a permission refused the decision.
	 * @param code why, as a message code
	 * @param args its arguments
	 * @return the exception
	 */
	static ApprovalRefusedException denied(String code, Object... args) {
		return new ApprovalRefusedException(false, code, args);
	}

	/**
	 * GitLab could not confirm eligibility, so the portal refused rather than guess.
	 * @param code what happened, as a message code
	 * @param args its arguments
	 * @return the exception
	 */
	static ApprovalRefusedException gitLabFailed(String code, Object... args) {
		return new ApprovalRefusedException(true, code, args);
	}

	/**
	 * Whether GitLab could not answer (a failure) rather than a rule refusing.
	 * @return {@code true} when GitLab could not confirm
	 */
	public boolean gitLabFailed() {
		return this.gitLabFailed;
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.code };
	}

	@Override
	public Object[] getArguments() {
		return this.args.clone();
	}

	@Override
	public @Nullable String getDefaultMessage() {
		return null;
	}

}
