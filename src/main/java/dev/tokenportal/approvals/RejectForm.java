package dev.tokenportal.approvals;

import dev.tokenportal.gitlab.TokenShapedText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The reject form: the reason the requester will read.
 *
 * @param reason why the request is rejected
 * @author Token Portal team
 */
record RejectForm(@NotBlank(message = "{approvals.reject.reasonRequired}") @Size(max = ApprovalService.MAX_REASON,
		message = "{approvals.reject.reasonTooLong}") @Pattern(regexp = TokenShapedText.WITHOUT_TOKENS,
				message = "{approvals.reject.reasonHoldsToken}") @Nullable String reason) {

}
