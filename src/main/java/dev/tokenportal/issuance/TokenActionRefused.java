package dev.tokenportal.issuance;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;

/**
 * A create or a rotation was refused before or by GitLab, and nothing was made: the
 * request was not {@code APPROVED}, GitLab no longer vouches for the requester, or GitLab
 * refused the rotation. {@code audit} records it on its own, so the attempt stays on
 * record.
 *
 * @param request the request as it stood
 * @param actor the requester
 * @param at when
 * @param attempt what was refused
 * @param check the check that refused ({@code requester}), if one did
 * @param reason why, as a code with arguments, when the portal refused; the trail keeps
 * it in English words
 * @param gitlabStatus GitLab's HTTP status, when GitLab refused
 * @param gitlabReason GitLab's own reason, when GitLab refused
 * @author Token Portal team
 */
public record TokenActionRefused(RequestSnapshot request, Actor actor, Instant at, Attempt attempt,
		@Nullable String check, @Nullable MessageSourceResolvable reason, @Nullable Integer gitlabStatus,
		@Nullable String gitlabReason) {

	/**
	 * Whether GitLab refused (a failure) rather than the portal.
	 * @return {@code true} when GitLab answered with a refusal
	 */
	public boolean byGitLab() {
		return this.gitlabStatus != null;
	}

	/**
	 * What the requester tried.
	 */
	public enum Attempt {

		/** Create token. */
		CREATE,

		/** Rotate now. */
		ROTATE

	}

}
