package dev.tokenportal.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One stored event of the trail, chain fields included. An event is appended as a leaf
 * without its place in the chain; {@link AuditSequencer} seals it shortly after, which
 * sets {@code seq}, {@code prevHash} and {@code hash} together.
 *
 * @param seq the position in the chain, from 1, without gaps; {@code null} until sealed
 * @param eventId a unique id
 * @param occurredAt when (UTC, microseconds)
 * @param actorId the GitLab user id, or {@code null} for the system
 * @param actorUsername the GitLab username, or {@code system}
 * @param clientIp the client's address, for events caused by a web request
 * @param userAgent the client's user agent
 * @param correlationId the request's correlation id (also in the logs)
 * @param action the action key
 * @param outcome the outcome
 * @param targetType {@code project} or {@code group}
 * @param targetId the GitLab id of the target
 * @param targetPath the target's full path
 * @param requestId the token request
 * @param gitlabTokenId GitLab's token id
 * @param tokenFingerprint keyed fingerprint of the token value
 * @param details a canonical JSON object
 * @param prevHash the previous event's hash; {@code null} until sealed
 * @param hash this event's hash; {@code null} until sealed: HMAC-SHA256 under the audit
 * key, or plain SHA-256 for events written before the chain was keyed
 * @param hashAlg which of the two: {@link AuditChain#KEYED} or {@link AuditChain#PLAIN}
 * @param id the append id: the order in which events were appended (not necessarily the
 * order in which they committed); equals {@code seq} for events sealed before the chain
 * was sealed off the hot path, 0 for an event not stored
 * @author Token Portal team
 */
public record AuditEvent(@Nullable Long seq, UUID eventId, Instant occurredAt, @Nullable Long actorId,
		String actorUsername, @Nullable String clientIp, @Nullable String userAgent, @Nullable String correlationId,
		String action, String outcome, @Nullable String targetType, @Nullable Long targetId,
		@Nullable String targetPath, @Nullable UUID requestId, @Nullable Long gitlabTokenId,
		@Nullable String tokenFingerprint, String details, @Nullable String prevHash, @Nullable String hash,
		String hashAlg, long id) {

	/**
	 * Whether the sequencer has given this event its place in the chain and its seal.
	 * @return {@code true} once sealed
	 */
	public boolean sealed() {
		return this.seq != null && this.hash != null;
	}

}
