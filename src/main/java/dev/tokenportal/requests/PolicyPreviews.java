package dev.tokenportal.requests;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.limits.UserLimit;
import dev.tokenportal.limits.UserRateLimiter;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * The form's live policy preview. It asks {@link TokenRequestService#preview}, which
 * checks the target and evaluates the policy exactly as a submit would, and says the
 * result in plain words.
 *
 * @author Token Portal team
 */
@Service
public class PolicyPreviews {

	private final TokenRequestService tokenRequests;

	private final PolicyService policy;

	private final MessageSource messages;

	private final UserRateLimiter limiter;

	private final Clock clock;

	private final PreviewFacts facts;

	PolicyPreviews(TokenRequestService tokenRequests, PolicyService policy, MessageSource messages,
			UserRateLimiter limiter, Clock clock, PreviewFacts facts) {
		this.facts = facts;
		this.tokenRequests = tokenRequests;
		this.policy = policy;
		this.messages = messages;
		this.limiter = limiter;
		this.clock = clock;
	}

	/**
	 * What the policy will require for the form as filled in so far. Saves nothing.
	 * @param form the form, possibly incomplete
	 * @param requester who asks
	 * @return the preview
	 * @throws RateLimitExceededException when the requester asked GitLab too often; a
	 * complete form on a target not previewed in the last minute costs GitLab calls
	 */
	public PolicyPreview preview(NewTokenRequestForm form, CurrentUser requester) {
		if (!form.hasTarget()) {
			return incomplete((form.target() == null || form.target().isBlank()) ? "requests.preview.chooseTarget"
					: "requests.preview.invalidTarget");
		}
		Integer level = form.level();
		LocalDate expiresOn = form.judgedExpiry(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)));
		if (form.scopes().isEmpty() || level == null || expiresOn == null) {
			return incomplete("requests.preview.incomplete");
		}
		// only a preview that asks GitLab counts against the limit: changing scopes,
		// level
		// or dates on the same target does not
		if (!this.facts.known(requester.gitlabUserId(), form.targetType(), form.targetId())) {
			this.limiter.acquire(UserLimit.POLICY_PREVIEW, requester);
		}
		try {
			TokenRequestService.Preview preview = this.tokenRequests.preview(form.targetType(), form.targetId(),
					form.scopes(), level, expiresOn, requester);
			Long eligible = preview.eligibleOwners();
			if (eligible != null && eligible < preview.decided().decision().requiredApprovals()) {
				return tooFewOwners(preview.target(), preview.decided(), eligible);
			}
			return decided(preview.target(), preview.decided());
		}
		catch (TargetNotAllowedException ex) {
			return new PolicyPreview("DENIED", text("requests.preview.denied", text("requests.form.target.notMember")),
					0, "denied.not-a-member", text("requests.form.target.notMember"), null, null, null);
		}
		catch (GitLabException ex) {
			return new PolicyPreview("UNAVAILABLE", text("requests.preview.unavailable", ex.getMessage()), 0, null,
					null, null, null, null);
		}
	}

	private PolicyPreview decided(GitLabTarget target, PolicyService.VersionedDecision decided) {
		PolicyDecision decision = decided.decision();
		// rendered here, in the requester's locale: the form's script shows the text as
		// it is
		String reason = this.messages.getMessage(decision.reason(), LocaleContextHolder.getLocale());
		String summary = switch (decision.tier()) {
			case LOW -> text("requests.preview.low", reason);
			case STANDARD -> text("requests.preview.standard", target.fullPath(), reason);
			case HIGH -> text("requests.preview.high", target.fullPath(), reason);
			case DENIED -> text("requests.preview.denied", reason);
		};
		int maxDays = this.policy.rulesFor(target.topLevelNamespace()).maxLifetimeDays();
		LocalDate max = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).plusDays(maxDays);
		return new PolicyPreview(decision.tier().name(), summary, decision.requiredApprovals(), decision.rule(), reason,
				target.fullPath(), decided.policyVersion(), max.toString());
	}

	private PolicyPreview tooFewOwners(GitLabTarget target, PolicyService.VersionedDecision decided, long eligible) {
		String reason = text("requests.form.tooFewOwners", decided.decision().requiredApprovals(), target.fullPath(),
				eligible);
		return new PolicyPreview("DENIED", reason, 0, "denied.too-few-owners", reason, target.fullPath(),
				decided.policyVersion(), null);
	}

	/**
	 * The preview shown instead when the requester asked too often.
	 * @param ex the refusal
	 * @return the preview
	 */
	public PolicyPreview limited(RateLimitExceededException ex) {
		return new PolicyPreview("LIMITED", this.messages.getMessage(ex, LocaleContextHolder.getLocale()), 0, null,
				null, null, null, null);
	}

	private PolicyPreview incomplete(String key) {
		return new PolicyPreview("INCOMPLETE", text(key), 0, null, null, null, null, null);
	}

	private String text(String key, @Nullable Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(key, args, locale);
	}

}
