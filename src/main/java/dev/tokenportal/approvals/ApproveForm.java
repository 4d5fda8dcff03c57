package dev.tokenportal.approvals;

import dev.tokenportal.gitlab.TokenShapedText;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The approve form: an optional comment for the requester and the trail. What
 * {@link ApprovalComments} refuses is refused here too, so that a form the browser did
 * not check is a 400 naming the problem.
 *
 * @param comment what the Owner adds, or {@code null}
 * @author Token Portal team
 */
record ApproveForm(@Size(max = ApprovalComments.MAX_LENGTH, message = "{approvals.comment.tooLong}") @Pattern(
		regexp = ApprovalComments.PRINTABLE_TEXT,
		message = "{approvals.comment.notPrintable}") @Pattern(regexp = TokenShapedText.WITHOUT_TOKENS,
				message = "{approvals.comment.holdsToken}") @Nullable String comment) {

	ApproveForm {
		comment = (comment == null || comment.isBlank()) ? null : comment.strip();
	}

}
