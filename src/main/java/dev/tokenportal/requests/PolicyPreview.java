package dev.tokenportal.requests;

import org.jspecify.annotations.Nullable;

/**
 * What the policy will require for the request being filled in, as the form shows it and
 * as {@code GET /requests/preview} returns it.
 *
 * @param outcome {@code LOW}, {@code STANDARD}, {@code HIGH} or {@code DENIED} as the
 * policy decided; {@code INCOMPLETE} while something it needs is missing;
 * {@code UNAVAILABLE} when GitLab could not be asked
 * @param summary the outcome in plain words, e.g. "Needs 1 approval from an Owner of
 * platform/backend/api"
 * @param requiredApprovals approvals from distinct Owners needed
 * @param rule the rule that fired, or {@code null}
 * @param reason the rule's reason, or {@code null}
 * @param target the target's full path, once GitLab confirmed the requester is a member
 * @param policyVersion the policy version that decided, or {@code null}
 * @param maxExpiresOn the latest expiry date the policy allows for this target (ISO date)
 * @author Token Portal team
 */
public record PolicyPreview(String outcome, String summary, int requiredApprovals, @Nullable String rule,
		@Nullable String reason, @Nullable String target, @Nullable Long policyVersion, @Nullable String maxExpiresOn) {

	/**
	 * Whether the policy would accept the request.
	 * @return {@code true} for the low, standard and high tiers
	 */
	public boolean allowed() {
		return "LOW".equals(this.outcome) || "STANDARD".equals(this.outcome) || "HIGH".equals(this.outcome);
	}

}
