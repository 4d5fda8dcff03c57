package dev.tokenportal.requests;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import org.springframework.context.MessageSourceResolvable;

/**
 * A submit was refused and nothing was saved: by the policy, for too few Owners, or
 * before the target was known (open request limit, not a member, GitLab could not check).
 * Published while the submit rolls back; {@code audit} records it on its own so that the
 * attempt stays on record.
 *
 * @param actor the requester
 * @param at when
 * @param target the target as GitLab knows it, once it was found
 * @param askedTarget the target as the form named it, before it was found
 * @param rule the policy rule that refused, if the policy decided
 * @param reason why, as a code with arguments ({@code audit} keeps its English words and
 * its code)
 * @param tier the tier the policy gave, when it was too few Owners
 * @param eligibleOwners the Owners who could have approved, when too few
 * @param policyVersion the policy version that decided, if it did
 * @param gitLabFailed whether GitLab could not be asked (a failure, not a refusal)
 * @author Token Portal team
 */
public record SubmitRefused(Actor actor, Instant at, @Nullable GitLabTarget target, @Nullable String askedTarget,
		@Nullable String rule, MessageSourceResolvable reason, @Nullable Tier tier, @Nullable Long eligibleOwners,
		@Nullable Long policyVersion, boolean gitLabFailed) {
}
