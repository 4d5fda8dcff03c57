package dev.tokenportal.notifications;

import dev.tokenportal.gitlab.GitLabTarget;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * GitLab's {@code expiring_access_token} webhook arrived, authenticated and new; audited
 * in the transaction that handled it.
 *
 * @param target the project or group of the token
 * @param gitlabTokenId GitLab's token id
 * @param tokenName the token's name
 * @param expiresAt its expiry date
 * @param requestId the portal request that made the token, {@code null} for a token made
 * outside the portal
 * @param reminded whether a {@code TokenExpiring} reminder went out for it now (not when
 * the portal had already reminded with as many days left)
 * @param deliveryKey GitLab's {@code Idempotency-Key} (or event UUID)
 * @param at when it arrived
 * @author Token Portal team
 */
public record GitLabExpiryReported(GitLabTarget target, long gitlabTokenId, String tokenName, LocalDate expiresAt,
		@Nullable UUID requestId, boolean reminded, String deliveryKey, Instant at) {
}
