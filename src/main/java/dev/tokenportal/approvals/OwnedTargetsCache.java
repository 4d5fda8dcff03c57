package dev.tokenportal.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.tokenportal.gitlab.GitLabClient;
import dev.tokenportal.gitlab.OwnedTargets;
import org.springframework.stereotype.Component;

/**
 * What each user owns in GitLab, remembered for {@link #TIME_TO_LIVE} so that the waiting
 * count every page shows costs GitLab one listing per user per half minute, not one per
 * page view. Decisions are read from the database each time, so a count drops as soon as
 * the Owner decides; only a change of ownership in GitLab shows late, by at most that
 * long.
 *
 * @author Token Portal team
 */
@Component
class OwnedTargetsCache {

	static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

	// beyond this many users, expired entries are dropped before a new one is added
	private static final int MAX_USERS = 10_000;

	private final GitLabClient gitlab;

	private final Clock clock;

	private final ConcurrentMap<Long, Entry> entries = new ConcurrentHashMap<>();

	OwnedTargetsCache(GitLabClient gitlab, Clock clock) {
		this.gitlab = gitlab;
		this.clock = clock;
	}

	/**
	 * What the signed-in user owns, asked of GitLab with their own token unless asked
	 * within the last {@link #TIME_TO_LIVE}.
	 * @param gitlabUserId the signed-in user
	 * @return what they own
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab could not say
	 */
	OwnedTargets of(long gitlabUserId) {
		Instant now = this.clock.instant();
		Entry entry = this.entries.get(gitlabUserId);
		if (entry != null && entry.freshAt(now)) {
			return entry.owned();
		}
		OwnedTargets owned = this.gitlab.ownedTargets();
		if (this.entries.size() >= MAX_USERS) {
			this.entries.values().removeIf((stale) -> !stale.freshAt(now));
			if (this.entries.size() >= MAX_USERS) {
				this.entries.clear();
			}
		}
		this.entries.put(gitlabUserId, new Entry(owned, now));
		return owned;
	}

	/**
	 * Forgets everything, so the next look asks GitLab.
	 */
	void clear() {
		this.entries.clear();
	}

	private record Entry(OwnedTargets owned, Instant askedAt) {

		// a clock set back makes an entry stale too
		boolean freshAt(Instant now) {
			return !now.isBefore(this.askedAt) && now.isBefore(this.askedAt.plus(TIME_TO_LIVE));
		}

	}

}
