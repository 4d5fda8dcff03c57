package dev.tokenportal.issuance;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;

/**
 * What the portal did about a token GitLab made for a request whose answer nobody saw
 * (reconciliation, a lost rotation). Its own record in the trail, whatever happens to the
 * request afterwards.
 *
 * @author Token Portal team
 */
public sealed interface StrayTokenEvent {

	/**
	 * The request the token belongs to.
	 * @return the request as it stood
	 */
	RequestSnapshot request();

	/**
	 * GitLab's id of the token.
	 * @return the token id
	 */
	long gitlabTokenId();

	/**
	 * Reconciliation found an active token of the request in GitLab.
	 *
	 * @param request the request
	 * @param at when
	 * @param gitlabTokenId the token
	 * @param gitlabName its name in GitLab
	 */
	record Found(RequestSnapshot request, Instant at, long gitlabTokenId,
			String gitlabName) implements StrayTokenEvent {
	}

	/**
	 * The portal revoked a token of the request nobody had seen.
	 *
	 * @param request the request
	 * @param at when
	 * @param gitlabTokenId the token
	 * @param gitlabName its name in GitLab, when reconciliation found it
	 * @param alreadyGone whether GitLab no longer knew it, when reconciliation revoked it
	 * @param reason why, when not reconciliation ({@code rotation answer lost})
	 */
	record Revoked(RequestSnapshot request, Instant at, long gitlabTokenId, @Nullable String gitlabName,
			@Nullable Boolean alreadyGone, @Nullable String reason) implements StrayTokenEvent {
	}

}
