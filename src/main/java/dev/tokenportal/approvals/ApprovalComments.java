package dev.tokenportal.approvals;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What an Owner may say with an approval: a few lines of plain text that the requester
 * and auditors read on the request's page and in its history, that the audit trail keeps
 * and the approval e-mail carries. Never a secret: text that looks like a GitLab token is
 * refused, so that a value pasted by mistake is neither stored nor shown nor sent.
 *
 * @author Token Portal team
 */
final class ApprovalComments {

	/** The longest comment kept. */
	static final int MAX_LENGTH = 500;

	/** Text without control characters other than line breaks and tabs. */
	static final String PRINTABLE_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

	/**
	 * Text without anything shaped like a GitLab token: a prefix such as {@code glpat-},
	 * {@code gldt-} or {@code glrt-} followed by a token's worth of characters.
	 */
	static final String WITHOUT_TOKENS = "(?s)(?!.*gl[a-z]{2,8}-[A-Za-z0-9_.-]{20,}).*";

	private static final Pattern PRINTABLE = Pattern.compile(PRINTABLE_TEXT);

	private static final Pattern NO_TOKEN = Pattern.compile(WITHOUT_TOKENS);

	private ApprovalComments() {
	}

	/**
	 * A comment as it is kept.
	 * @param comment what the Owner typed, or {@code null}
	 * @return the comment without surrounding blanks, {@code null} when there is none
	 * @throws ApprovalRefusedException when it is too long, holds control characters or
	 * looks like it holds a token
	 */
	static @Nullable String checked(@Nullable String comment) {
		String given = (comment != null) ? comment.strip() : "";
		if (given.isEmpty()) {
			return null;
		}
		if (given.length() > MAX_LENGTH) {
			throw ApprovalRefusedException.denied("approvals.refused.commentTooLong", MAX_LENGTH);
		}
		if (!PRINTABLE.matcher(given).matches()) {
			throw ApprovalRefusedException.denied("approvals.refused.commentNotPrintable");
		}
		if (!NO_TOKEN.matcher(given).matches()) {
			throw ApprovalRefusedException.denied("approvals.refused.commentHoldsToken");
		}
		return given;
	}

}
