package dev.tokenportal.notifications;

import java.time.Instant;
import java.time.LocalDate;

import dev.tokenportal.gitlab.GitLabTarget;

/**
 * GitLab says a token made outside the portal expires soon. Notifications tell the
 * target's Owners, with a link to the target's inventory, so that they can ask for a
 * portal token in its place; published once per GitLab event.
 *
 * @param target the project or group of the token
 * @param gitlabTokenId GitLab's token id
 * @param tokenName the token's name
 * @param expiresAt its expiry date
 * @param at when GitLab's webhook arrived
 * @author Token Portal team
 */
public record ForeignTokenExpiring(GitLabTarget target, long gitlabTokenId, String tokenName, LocalDate expiresAt,
		Instant at) {
}
