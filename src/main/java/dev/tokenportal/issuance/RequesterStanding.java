package dev.tokenportal.issuance;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabAccount;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The live check in front of every action that makes or renews a token: GitLab, asked now
 * with the service account, must still report the requester as an active user and a
 * member of the target with at least the level the request's decision rested on. A
 * session, an approval or a token the portal issued earlier proves none of that.
 *
 * @author Token Portal team
 */
@Component
class RequesterStanding {

	private static final Logger logger = LoggerFactory.getLogger(RequesterStanding.class);

	/** The code of a refusal on GitLab's word (not of an outage). */
	static final String REFUSED = "issuance.standing.refused";

	private final GitLabTokenClient gitlab;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RequesterStanding(GitLabTokenClient gitlab, ApplicationEventPublisher events, Clock clock) {
		this.gitlab = gitlab;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Asks GitLab whether the requester may still have the request's token.
	 * @param request the request, already checked to be the requester's
	 * @param requester who pressed
	 * @param action the action refused, for the trail (a create or a rotation)
	 * @return the requester's effective membership of the target, as GitLab reports it
	 * now
	 * @throws TokenActionRefusedException when GitLab says the requester is deleted,
	 * blocked, no longer a member or below the required level
	 * @throws TokenActionRefusedException as well when GitLab could not be asked
	 */
	GitLabMember confirm(TokenRequest request, CurrentUser requester, TokenActionRefused.Attempt action) {
		Standing standing;
		try {
			standing = ask(request, requester);
		}
		catch (GitLabException ex) {
			logger.warn("Could not check the requester of {} with GitLab: {}", request.getShortId(), ex.getMessage());
			// fail closed: without GitLab's word the portal makes no token, and says so
			// in
			// the words of any other GitLab outage on these buttons
			StatusReason unasked = GitLabRefusal.of(ex, request.target(), "create").reason();
			record(request, requester, action, unasked);
			throw new TokenActionRefusedException(request.getId(), unasked);
		}
		if (standing.member() != null) {
			return standing.member();
		}
		MessageSourceResolvable refusal = Objects.requireNonNull(standing.refusal());
		record(request, requester, action, refusal);
		throw new TokenActionRefusedException(request.getId(), message(REFUSED, refusal));
	}

	/**
	 * One call in the usual case: the membership carries the account's state. Only a
	 * missing membership needs the account itself, to tell a deleted or blocked account
	 * from a former member.
	 */
	private Standing ask(TokenRequest request, CurrentUser requester) {
		Optional<GitLabMember> member = this.gitlab.effectiveMember(request.target(), requester.gitlabUserId());
		if (member.isEmpty()) {
			Optional<GitLabAccount> account = this.gitlab.account(requester.gitlabUserId());
			if (account.isEmpty()) {
				return Standing.refused(message("issuance.standing.deleted"));
			}
			if (!account.get().active()) {
				return Standing.refused(message("issuance.standing.account", state(account.get().state())));
			}
			return Standing.refused(message("issuance.standing.notMember", request.getTargetPath()));
		}
		String state = member.get().state();
		if (state != null && !GitLabAccount.ACTIVE.equals(state)) {
			return Standing.refused(message("issuance.standing.account", state(state)));
		}
		int required = request.requiredRequesterLevel();
		if (member.get().accessLevel() < required) {
			return Standing.refused(message("issuance.standing.tooLow", AccessLevel.named(member.get().accessLevel()),
					request.getTargetPath(), AccessLevel.named(required)));
		}
		return new Standing(member.get(), null);
	}

	/**
	 * What GitLab said: the membership, or why the requester may not have the token.
	 */
	private record Standing(@Nullable GitLabMember member, @Nullable MessageSourceResolvable refusal) {

		static Standing refused(MessageSourceResolvable refusal) {
			return new Standing(null, refusal);
		}

	}

	private void record(TokenRequest request, CurrentUser requester, TokenActionRefused.Attempt action,
			MessageSourceResolvable reason) {
		this.events.publishEvent(new TokenActionRefused(RequestSnapshot.of(request), Actor.of(requester),
				this.clock.instant(), action, "requester", reason, null, null));
	}

	private static MessageSourceResolvable message(String code, Object... args) {
		return new DefaultMessageSourceResolvable(new String[] { code }, args);
	}

	/**
	 * GitLab's account state in words: a code per state the bundle knows, otherwise
	 * GitLab's own word.
	 */
	private static MessageSourceResolvable state(String state) {
		return new DefaultMessageSourceResolvable(new String[] { "issuance.standing.state." + state }, null,
				state.replace('_', ' '));
	}

}
