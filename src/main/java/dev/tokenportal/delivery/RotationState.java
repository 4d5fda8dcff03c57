package dev.tokenportal.delivery;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.StatusReason;

/**
 * One row of {@code delivery_rotation}: where the portal's own rotation of a request's
 * token stands.
 *
 * @param requestId the request
 * @param gitlabTokenId the token it is about; a new token starts afresh
 * @param attempts failed attempts for this token
 * @param lastFailureCode the kind of the last failure
 * @param lastFailureReason why, a code with arguments (the English sentence of a row
 * written before V29)
 * @param lastAttemptAt when the portal last tried
 * @param nextAttemptAt not before this again
 * @param escalatedAt when the requester and the Owners were told
 * @param renewalRequestId the renewal submitted for the Owners, if any
 * @author Token Portal team
 */
record RotationState(UUID requestId, long gitlabTokenId, int attempts, @Nullable String lastFailureCode,
		@Nullable StatusReason lastFailureReason, @Nullable Instant lastAttemptAt, @Nullable Instant nextAttemptAt,
		@Nullable Instant escalatedAt, @Nullable UUID renewalRequestId) {

	static RotationState fresh(UUID requestId, long gitlabTokenId) {
		return new RotationState(requestId, gitlabTokenId, 0, null, null, null, null, null, null);
	}

	RotationState failed(String code, StatusReason reason, Instant now, Instant next) {
		return new RotationState(this.requestId, this.gitlabTokenId, this.attempts + 1, code, reason, now, next,
				this.escalatedAt, this.renewalRequestId);
	}

	RotationState escalated(Instant now) {
		return new RotationState(this.requestId, this.gitlabTokenId, this.attempts, this.lastFailureCode,
				this.lastFailureReason, this.lastAttemptAt, this.nextAttemptAt, now, this.renewalRequestId);
	}

	RotationState renewal(UUID renewalId, Instant now) {
		return new RotationState(this.requestId, this.gitlabTokenId, this.attempts, this.lastFailureCode,
				this.lastFailureReason, now, null, this.escalatedAt, renewalId);
	}

	boolean waitsUntilAfter(Instant now) {
		return this.nextAttemptAt != null && now.isBefore(this.nextAttemptAt);
	}

}
