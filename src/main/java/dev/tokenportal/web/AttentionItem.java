package dev.tokenportal.web;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Something of the user's that wants them now, for the top of the home page.
 *
 * @param kind what it is, most urgent first
 * @param requestId the request
 * @param shortId its short id
 * @param tokenName the token's name
 * @param targetPath the project or group
 * @param date the deadline: the token's expiry, or the day an approved request lapses
 * @param daysLeft days until then, never negative
 * @author Token Portal team
 */
public record AttentionItem(Kind kind, UUID requestId, String shortId, String tokenName, String targetPath,
		@Nullable LocalDate date, long daysLeft) {

	/** What needs doing, in the order the page lists them. */
	public enum Kind {

		/** A token expires soon: rotate it. */
		EXPIRING,

		/** Granted: create the token before the approval lapses. */
		READY_TO_CREATE,

		/** GitLab's answer to the create was lost; the portal is checking. */
		CHECKING,

		/** Waiting for Owners. */
		AWAITING_APPROVAL

	}

}
