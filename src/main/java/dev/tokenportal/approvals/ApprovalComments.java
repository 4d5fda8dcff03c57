package dev.tokenportal.approvals;

import java.util.regex.Pattern;

import dev.tokenportal.gitlab.TokenShapedText;
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

	private static final Pattern PRINTABLE = Pattern.compile(PRINTABLE_TEXT);

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
		if (TokenShapedText.holdsToken(given)) {
			throw ApprovalRefusedException.denied("approvals.refused.commentHoldsToken");
		}
		return given;
	}

}
