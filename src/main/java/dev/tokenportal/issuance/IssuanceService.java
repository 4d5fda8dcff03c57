package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabOutcomeUnknownException;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.limits.UserLimit;
import dev.tokenportal.limits.UserRateLimiter;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.IllegalTransitionException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Creating a token when the requester presses Create token, in three steps: claim the
 * request and commit; call GitLab once, never retried; record what GitLab made. Whatever
 * fails after GitLab may have acted is cleaned up (the token revoked) before answering,
 * so GitLab never holds a token the portal does not know about.
 *
 * @author Token Portal team
 */
@Service
public class IssuanceService {

	private static final Logger logger = LoggerFactory.getLogger(IssuanceService.class);

	private final TokenRequestService requests;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	private final ReconciliationService reconciliation;

	private final TokenFingerprints fingerprints;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final RequesterOnly requesterOnly;

	private final UserRateLimiter limiter;

	private final RequesterStanding standing;

	private final VariableDelivery delivery;

	private final DeliveryStep delivering;

	IssuanceService(TokenRequestService requests, GitLabTokenClient gitlab, IssuanceSteps steps,
			ReconciliationService reconciliation, TokenFingerprints fingerprints, ApplicationEventPublisher events,
			Clock clock, RequesterOnly requesterOnly, UserRateLimiter limiter, RequesterStanding standing,
			VariableDelivery delivery, DeliveryStep delivering) {
		this.delivery = delivery;
		this.delivering = delivering;
		this.requests = requests;
		this.gitlab = gitlab;
		this.steps = steps;
		this.reconciliation = reconciliation;
		this.fingerprints = fingerprints;
		this.events = events;
		this.clock = clock;
		this.requesterOnly = requesterOnly;
		this.limiter = limiter;
		this.standing = standing;
	}

	/**
	 * Creates the token of an approved request and returns its value, for the one
	 * response that shows it.
	 * @param id the request
	 * @param requester who pressed; only the requester may
	 * @return the new token with its value
	 * @throws TokenRequestNotFoundException when there is no such request of this user
	 * @throws TokenActionConflictException when the token is already being created or was
	 * created (nothing is sent to GitLab, nothing is taken from the hourly allowance)
	 * @throws dev.tokenportal.requests.RequestLapsedException when the request was
	 * overdue: it lapsed instead (nothing is sent to GitLab)
	 * @throws RateLimitExceededException when the requester created too many tokens in
	 * the last hour (nothing is sent to GitLab)
	 * @throws TokenActionRefusedException when GitLab says the requester may no longer
	 * have the token, or GitLab refused; nothing was created
	 * @throws IssuanceFailedException when GitLab's answer was lost or could not be
	 * recorded; the portal cleaned up or left it to reconciliation
	 */
	@PreAuthorize("isAuthenticated()")
	public CreatedToken create(UUID id, CurrentUser requester) {
		Creation creation = create(id, requester, null);
		if (creation.shown() == null) {
			throw new IllegalStateException("The token of request " + id + " went into a CI/CD variable");
		}
		return creation.shown();
	}

	/**
	 * Creates the token of an approved request: shown once, or written straight into the
	 * CI/CD variable the request names (or the requester chose on the form).
	 * @param id the request
	 * @param requester who pressed; only the requester may
	 * @param choice a CI/CD variable chosen on the Create token form for a request
	 * without a destination, or {@code null}
	 * @return the new token with its value, or where it went
	 * @see #create(UUID, CurrentUser)
	 */
	@PreAuthorize("isAuthenticated()")
	public Creation create(UUID id, CurrentUser requester, VariableDelivery.@Nullable DestinationChoice choice) {
		Actor actor = Actor.of(requester);
		// GitLab must still say the requester may have this token, before anything is
		// claimed
		TokenRequest seen = this.requesterOnly.request(id, requester, "create");
		this.standing.confirm(seen, requester, TokenActionRefused.Attempt.CREATE);
		// and that they may manage the variable it goes to
		seen = this.delivery.prepare(seen, requester, choice);
		TokenRequest request = claim(seen, requester, actor);
		return make(request, actor);
	}

	/**
	 * Creates the token of an approved request for the portal itself (the approved
	 * renewal of a delivered token, which nobody presses Create for). The caller checked
	 * the requester's standing and the destination; the requester's hourly allowance is
	 * for their own presses and is not taken.
	 * @param seen the request, approved, with a destination
	 * @return where the token went
	 * @throws TokenActionConflictException when the request is no longer approved
	 * @throws TokenActionRefusedException when GitLab refused or the variable could not
	 * be written; nothing was left behind
	 * @throws IssuanceFailedException when GitLab's answer was lost or could not be
	 * recorded
	 */
	Creation createForPortal(TokenRequest seen) {
		TokenRequest request;
		try {
			request = this.steps.startIssuing(seen.getId(), Actor.SYSTEM);
		}
		catch (IllegalTransitionException ex) {
			throw new TokenActionConflictException(seen.getId(), ex.current());
		}
		return make(request, Actor.SYSTEM);
	}

	/**
	 * Steps 2 and 3 of a claimed request: GitLab makes the token once, it goes into its
	 * variable (if any), the portal records it, and the token it renews is revoked.
	 */
	private Creation make(TokenRequest request, Actor actor) {
		UUID id = request.getId();
		CreatedAccessToken created;
		try {
			created = this.gitlab.create(request.target(),
					new NewAccessToken(request.gitlabName(), description(request), request.getScopes(),
							request.getAccessLevel(),
							// an hour lifetime gets GitLab's backstop date, from now
							request.gitlabExpiresOn(this.clock.instant())));
		}
		catch (GitLabOutcomeUnknownException ex) {
			logger.warn("GitLab's answer to creating the token of {} was lost: {}", request.getShortId(),
					ex.getMessage());
			throw answerLost(request, actor,
					(ex.status() > 0) ? StatusReason.of("issuance.reason.answerLost.failed", ex.status())
							: StatusReason.of("issuance.reason.answerLost.lost"));
		}
		catch (GitLabException ex) {
			GitLabRefusal refusal = GitLabRefusal.of(ex, request.target(), "create");
			this.steps.refused(id, actor, refusal);
			throw new TokenActionRefusedException(id, refusal.reason());
		}
		catch (RuntimeException ex) {
			// an answer that could not be read (malformed body): GitLab may have acted
			logger.warn("GitLab's answer to creating the token of {} could not be read", request.getShortId(), ex);
			throw answerLost(request, actor, StatusReason.of("issuance.reason.answerLost.unreadable"));
		}
		WrittenVariable written = (request.getDestination() != null)
				? this.delivering.writeOrRevoke(request, actor, created) : null;
		TokenRequest issued = record(request, actor, created, written);
		MessageSourceResolvable warning = revokeRenewed(issued, actor);
		if (written != null) {
			return Creation.delivered(new DeliveredToken(issued.getId(), issued.getShortId(), issued.getTargetPath(),
					created.token().name(), created.token().scopes(), AccessLevel.named(levelOf(created, request)),
					created.token().expiresAt(), created.token().id(), false, warning, written));
		}
		return Creation.shown(new CreatedToken(issued.getId(), issued.getShortId(), issued.getTargetPath(),
				created.token().name(), created.token().scopes(), AccessLevel.named(levelOf(created, request)),
				created.token().expiresAt(), created.token().id(), false, warning, created.value(), endsAt(issued)));
	}

	/**
	 * The requester says the page with the value never arrived: the token is revoked in
	 * GitLab and the request is approved again, so they may create a new one.
	 * @param id the request
	 * @param requester who says so; only the requester may
	 */
	@PreAuthorize("isAuthenticated()")
	public void notReceived(UUID id, CurrentUser requester) {
		TokenRequest request = this.requesterOnly.request(id, requester, "not-received");
		Long tokenId = request.getGitlabTokenId();
		if (request.getStatus() != TokenRequestStatus.ISSUED || tokenId == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		if (this.delivery.delivered(request) != null) {
			// nobody was meant to receive it: it is in its CI/CD variable
			throw new TokenActionRefusedException(id, StatusReason.of("delivery.notReceived"));
		}
		boolean revokedNow;
		try {
			revokedNow = this.gitlab.revoke(request.target(), tokenId);
		}
		catch (GitLabException ex) {
			throw new TokenActionRefusedException(id, StatusReason.of("issuance.refusal.notReceivedNotRevoked",
					GitLabRefusal.of(ex, request.target(), "revoke").gitlabReason()));
		}
		this.steps.notReceived(id, Actor.of(requester), tokenId, !revokedNow);
	}

	/**
	 * Step 1: claims the request, then takes a unit of the hourly allowance. A press that
	 * finds the request already claimed (a second tab, a double click) is refused before
	 * it can count against the allowance or be refused by it.
	 */
	private TokenRequest claim(TokenRequest request, CurrentUser requester, Actor actor) {
		UUID id = request.getId();
		if (request.getStatus() == TokenRequestStatus.APPROVED) {
			// refused here, with nothing claimed, when the allowance is plainly used up
			this.limiter.requireAvailable(UserLimit.TOKEN_CREATION, requester, id);
		}
		TokenRequest claimed;
		try {
			claimed = this.steps.startIssuing(id, actor);
		}
		catch (IllegalTransitionException ex) {
			// refused before GitLab hears of it
			this.events
				.publishEvent(new TokenActionRefused(RequestSnapshot.of(request), actor, this.clock.instant(),
						TokenActionRefused.Attempt.CREATE, null,
						StatusReason.of("issuance.refused.notApproved",
								new DefaultMessageSourceResolvable("requests.status." + ex.current().name())),
						null, null));
			throw new TokenActionConflictException(id, ex.current());
		}
		try {
			this.limiter.acquire(UserLimit.TOKEN_CREATION, requester, id);
		}
		catch (RateLimitExceededException ex) {
			// another of the requester's presses took the last unit since the check above
			this.steps.claimWithdrawn(id, actor, ex);
			throw ex;
		}
		return claimed;
	}

	/**
	 * Step 3. If the portal cannot record the token, it revokes it in GitLab before
	 * answering: a token nobody can see must not live on.
	 */
	private TokenRequest record(TokenRequest request, Actor actor, CreatedAccessToken created,
			@Nullable WrittenVariable written) {
		long tokenId = created.token().id();
		try {
			return this.steps.issued(request.getId(), actor, created.token(), this.fingerprints.of(created.value()),
					written);
		}
		catch (RuntimeException ex) {
			logger.error("Could not record token {} of request {}; revoking it", tokenId, request.getShortId(), ex);
			try {
				this.gitlab.revoke(request.target(), tokenId);
				if (written != null) {
					this.delivery.takeBack(request, tokenId);
				}
			}
			catch (GitLabException revokeFailed) {
				logger.error("Could not revoke unrecorded token {} of request {}: {}", tokenId, request.getShortId(),
						revokeFailed.getMessage());
				markUnknown(request, actor, StatusReason.of("issuance.reason.answerLost.notRevoked"));
				throw new IssuanceFailedException(request.getId(), HttpStatus.SERVICE_UNAVAILABLE,
						StatusReason.of("issuance.failed.notRecordedNorRevoked"));
			}
			try {
				this.steps.recordingFailed(request.getId(), actor, tokenId, ex.getClass().getSimpleName());
			}
			catch (RuntimeException stillFailing) {
				logger.error("Could not record the revocation of token {} of request {}; reconciliation will", tokenId,
						request.getShortId());
			}
			throw new IssuanceFailedException(request.getId(), HttpStatus.SERVICE_UNAVAILABLE,
					StatusReason.of("issuance.failed.notRecorded"));
		}
	}

	private IssuanceFailedException answerLost(TokenRequest request, Actor actor, StatusReason reason) {
		markUnknown(request, actor, reason);
		boolean settled = this.reconciliation.reconcile(request.getId());
		return new IssuanceFailedException(request.getId(), HttpStatus.BAD_GATEWAY,
				StatusReason.of(settled ? "issuance.failed.answerLost.settled" : "issuance.failed.answerLost.pending"));
	}

	private void markUnknown(TokenRequest request, Actor actor, StatusReason reason) {
		try {
			this.steps.unknown(request.getId(), actor, reason);
		}
		catch (RuntimeException ex) {
			// the request stays ISSUING; reconciliation picks it up once it is stuck
			logger.error("Could not mark request {} unknown: {}", request.getShortId(), ex.getMessage());
		}
	}

	/**
	 * A renewal replaces the token of the request it renews, once its own token exists.
	 */
	private @Nullable MessageSourceResolvable revokeRenewed(TokenRequest renewal, Actor actor) {
		UUID renewed = renewal.getRenewalOf();
		if (renewed == null) {
			return null;
		}
		TokenRequest old = this.requests.get(renewed);
		Long oldTokenId = old.getGitlabTokenId();
		if (old.getStatus() != TokenRequestStatus.ISSUED || oldTokenId == null) {
			return null;
		}
		try {
			boolean revokedNow = this.gitlab.revoke(old.target(), oldTokenId);
			this.steps.revoked(old.getId(), actor, oldTokenId,
					StatusReason.of("issuance.reason.replaced", TokenRequest.NAME_MARKER + renewal.getShortId()),
					!revokedNow);
			return null;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not revoke token {} renewed by request {}: {}", oldTokenId, renewal.getShortId(),
					ex.getMessage());
			return StatusReason.of("issuance.warning.renewedNotRevoked", old.getGitlabTokenName());
		}
	}

	static @Nullable Instant endsAt(TokenRequest request) {
		return request.getRevokeAt();
	}

	/**
	 * What a create made: a token to show once, or one that went into a CI/CD variable.
	 *
	 * @param shown the new token with its value, when it is shown
	 * @param delivered where it went, when it went into a variable
	 */
	public record Creation(@Nullable CreatedToken shown, @Nullable DeliveredToken delivered) {

		static Creation shown(CreatedToken token) {
			return new Creation(token, null);
		}

		static Creation delivered(DeliveredToken token) {
			return new Creation(null, token);
		}

		@Override
		public String toString() {
			return "Creation[shown=" + this.shown + ", delivered=" + this.delivered + "]";
		}

	}

	static int levelOf(CreatedAccessToken created, TokenRequest request) {
		Integer level = created.token().accessLevel();
		return (level != null) ? level : request.getAccessLevel();
	}

	static String description(TokenRequest request) {
		String origin = "Token Portal request " + TokenRequest.NAME_MARKER + request.getShortId() + " by "
				+ request.getRequesterUsername();
		return (request.getDescription() != null && !request.getDescription().isBlank())
				? request.getDescription() + " (" + origin + ")" : origin;
	}

}
