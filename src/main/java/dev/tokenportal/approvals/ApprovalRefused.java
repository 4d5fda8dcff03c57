package dev.tokenportal.approvals;

import java.time.Instant;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import org.springframework.context.MessageSourceResolvable;

/**
 * An approve or reject was refused and nothing was decided. {@code audit} records it on
 * its own, so the attempt stays on record.
 *
 * @param request the request as it stood
 * @param actor who pressed
 * @param at when
 * @param decision what they tried
 * @param reason why it was refused, a code ({@code audit} keeps its English words and
 * code)
 * @param gitLabFailed whether GitLab could not confirm (a failure, not a refusal)
 * @author Token Portal team
 */
public record ApprovalRefused(RequestSnapshot request, Actor actor, Instant at, ApprovalDecision decision,
		MessageSourceResolvable reason, boolean gitLabFailed) {
}
