package dev.tokenportal.security;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabAccount;
import dev.tokenportal.gitlab.GitLabTokenClient;

/**
 * What GitLab says now about a signed-in user, asked with the service account (so the
 * answer does not depend on the user's own token): whether the account may still sign in,
 * and which portal roles its groups give.
 *
 * @author Token Portal team
 */
final class GitLabStanding {

	private final GitLabTokenClient gitlab;

	private final PortalRoles roles;

	GitLabStanding(GitLabTokenClient gitlab, PortalRoles roles) {
		this.gitlab = gitlab;
		this.roles = roles;
	}

	/**
	 * Asks GitLab about a user.
	 * @param gitlabUserId the user
	 * @param username their username
	 * @return the answer
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab could not be asked
	 */
	Answer of(long gitlabUserId, String username) {
		Optional<GitLabAccount> account = this.gitlab.account(gitlabUserId);
		if (account.isEmpty()) {
			return new Answer("GitLab no longer knows the account (deleted)", Set.of());
		}
		if (!account.get().active()) {
			return new Answer("GitLab reports the account as " + account.get().state(), Set.of());
		}
		boolean inAuditorGroup = this.roles.auditorGroups()
			.stream()
			.anyMatch((group) -> this.gitlab.groupMember(group, gitlabUserId).isPresent());
		return new Answer(null, this.roles.of(username, inAuditorGroup));
	}

	/**
	 * The roles of a user when GitLab cannot be asked: the configured ones only, nothing
	 * that rests on GitLab's groups.
	 * @param username their username
	 * @return the roles
	 */
	Set<PortalRole> withoutGitLab(String username) {
		return this.roles.of(username, false);
	}

	/**
	 * GitLab's answer.
	 *
	 * @param endedBecause why the user may no longer be signed in, or {@code null} when
	 * they may
	 * @param roles the roles they hold now, when they may
	 */
	record Answer(@Nullable String endedBecause, Set<PortalRole> roles) {

		boolean active() {
			return this.endedBecause == null;
		}

	}

}
