package dev.tokenportal.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

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

	/**
	 * The days before expiry at which GitLab warns (gitlab-api.md §13.2: 60, 30 and 7;
	 * the 1-day warning is unverified but costs nothing to tell apart).
	 */
	private static final int[] WARNINGS = { 1, 7, 30, 60 };

	/**
	 * Which of GitLab's warnings this is. Its payload does not say (§13.5), so it is read
	 * from the days left when it arrived: the smallest threshold at or above them.
	 * @return 1, 7, 30 or 60
	 */
	public int warningDays() {
		long left = ChronoUnit.DAYS.between(LocalDate.ofInstant(this.at, ZoneOffset.UTC), this.expiresAt);
		for (int days : WARNINGS) {
			if (left <= days) {
				return days;
			}
		}
		return WARNINGS[WARNINGS.length - 1];
	}

}
