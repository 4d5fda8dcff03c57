package dev.tokenportal.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;

/**
 * What the portal's own rotation of a delivered token did, published in the transaction
 * that records it: {@code audit} records each one there, {@code notifications} tells the
 * requester of a rotation and the requester and the Owners of an escalation, after
 * commit. Where the token is and why, never its value or fingerprint.
 *
 * @author Token Portal team
 */
public sealed interface AutoRotationEvent {

	/**
	 * The request whose token it is about (after a renewal, the renewal).
	 * @return the snapshot
	 */
	RequestSnapshot request();

	/**
	 * Always the portal itself.
	 * @return the actor
	 */
	Actor actor();

	/**
	 * When.
	 * @return the time
	 */
	Instant at();

	/**
	 * The portal replaced the token in its variable; the old one is revoked.
	 *
	 * @param previousGitlabTokenId the token it replaced
	 * @param renewalOf the request whose token an approved renewal replaced, or
	 * {@code null} for a rotation of the same request
	 * @param owner the project or group holding the variable
	 * @param key the variable's key
	 * @param environmentScope its environment scope
	 * @param expiresOn the new token's expiry date
	 */
	record Rotated(RequestSnapshot request, Actor actor, Instant at, long previousGitlabTokenId,
			@Nullable UUID renewalOf, GitLabTarget owner, String key, String environmentScope,
			LocalDate expiresOn) implements AutoRotationEvent {
	}

	/**
	 * Today's policy needs the Owners for the same token: the portal submitted a renewal
	 * for the requester.
	 *
	 * @param renewalId the renewal request
	 */
	record RenewalRequested(RequestSnapshot request, Actor actor, Instant at,
			UUID renewalId) implements AutoRotationEvent {
	}

	/**
	 * An attempt failed; the old token keeps working.
	 *
	 * @param attempt how many attempts have failed for this token
	 * @param failure the kind of failure
	 * @param reason why, a code its readers resolve
	 * @param nextAttemptAt when the portal tries again
	 */
	record AttemptFailed(RequestSnapshot request, Actor actor, Instant at, int attempt, String failure,
			StatusReason reason, Instant nextAttemptAt) implements AutoRotationEvent {
	}

	/**
	 * Rotation keeps failing, or cannot work without someone, or expiry is close: the
	 * requester and the Owners are told, once per token.
	 *
	 * @param attempts the failed attempts so far
	 * @param failure the kind of the last failure
	 * @param reason why, a code its readers resolve
	 * @param owner the project or group holding the variable
	 * @param key the variable's key
	 * @param environmentScope its environment scope
	 */
	record Escalated(RequestSnapshot request, Actor actor, Instant at, int attempts, String failure,
			StatusReason reason, GitLabTarget owner, String key, String environmentScope) implements AutoRotationEvent {
	}

}
