package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabNotFoundException;
import dev.tokenportal.gitlab.GitLabOutcomeUnknownException;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.limits.UserLimit;
import dev.tokenportal.limits.UserRateLimiter;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.PolicyInput;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.TargetType;
import dev.tokenportal.requests.HourLifetime;
import dev.tokenportal.requests.DestinationRefusedException;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.NotEnoughOwnersException;
import dev.tokenportal.requests.OpenRequestLimitException;
import dev.tokenportal.requests.PolicyDeniedException;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TargetNotAllowedException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.VariableDestination;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Rotating an issued token through the policy again: at once when the policy still grants
 * it without approval (GitLab's rotate endpoint, or create and revoke where the instance
 * has none), otherwise as a renewal request that awaits approval.
 *
 * @author Token Portal team
 */
@Service
public class RotationService {

	private static final Logger logger = LoggerFactory.getLogger(RotationService.class);

	private static final int MAX_JUSTIFICATION = 4000;

	private final TokenRequestService requests;

	private final PolicyService policy;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	private final RequesterOnly requesterOnly;

	private final TokenFingerprints fingerprints;

	private final ApplicationEventPublisher events;

	private final UserRateLimiter limiter;

	private final Clock clock;

	private final RequesterStanding standing;

	private final VariableDelivery delivery;

	private final DeliveredRotation deliveredRotation;

	RotationService(TokenRequestService requests, PolicyService policy, GitLabTokenClient gitlab, IssuanceSteps steps,
			RequesterOnly requesterOnly, TokenFingerprints fingerprints, ApplicationEventPublisher events,
			UserRateLimiter limiter, Clock clock, RequesterStanding standing, VariableDelivery delivery,
			DeliveredRotation deliveredRotation) {
		this.delivery = delivery;
		this.deliveredRotation = deliveredRotation;
		this.requests = requests;
		this.policy = policy;
		this.gitlab = gitlab;
		this.steps = steps;
		this.requesterOnly = requesterOnly;
		this.fingerprints = fingerprints;
		this.events = events;
		this.limiter = limiter;
		this.clock = clock;
		this.standing = standing;
	}

	/**
	 * What the requester is asked to confirm before a rotation.
	 * @param id the request
	 * @param requester who means to rotate; only the requester may
	 * @param returnTo where to go afterwards ({@code tokens}, or the request's page)
	 * @return the token the rotation would replace
	 */
	@PreAuthorize("isAuthenticated()")
	public TokenActionConfirmation confirmRotate(UUID id, CurrentUser requester, @Nullable String returnTo) {
		TokenRequest request = this.requesterOnly.request(id, requester, "rotate");
		if (request.getStatus() != TokenRequestStatus.ISSUED || request.getGitlabTokenId() == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		return TokenActionConfirmation.of("rotate", request, returnTo);
	}

	/**
	 * Rotates an issued token through the policy again, for the same lifetime as first
	 * asked, counted from today. When the policy still grants it at once, GitLab makes a
	 * new token now (its rotate endpoint, or create and revoke where the instance has
	 * none); otherwise a renewal request is submitted for approval.
	 * @param id the request
	 * @param requester who rotates; only the requester may
	 * @return the new token, or the renewal request awaiting approval
	 */
	@PreAuthorize("isAuthenticated()")
	public Rotation rotate(UUID id, CurrentUser requester) {
		TokenRequest request = this.requesterOnly.request(id, requester, "rotate");
		Long tokenId = request.getGitlabTokenId();
		if (request.getStatus() != TokenRequestStatus.ISSUED || tokenId == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		// both paths (rotate now, renewal) extend the token's life: GitLab must still say
		// the requester may have it
		GitLabMember member = this.standing.confirm(request, requester, TokenActionRefused.Attempt.ROTATE);
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		long lifetime = Math.max(1, ChronoUnit.DAYS.between(request.getCreatedAt().atZone(ZoneOffset.UTC).toLocalDate(),
				request.getExpiresOn()));
		LocalDate expiresOn = today.plusDays(lifetime);
		Integer hours = request.getLifetimeHours();
		if (hours != null) {
			// the same hours from now; the transition sets the new end
			lifetime = HourLifetime.policyDays(hours);
			expiresOn = request.gitlabExpiresOn(this.clock.instant());
		}
		PolicyService.VersionedDecision decided = this.policy.evaluate(request.target().topLevelNamespace(),
				new PolicyInput(targetType(request), new HashSet<>(request.getScopes()), request.getAccessLevel(),
						lifetime,
						// the level the requester has now: a token above it is renewed
						// only with an
						// Owner
						member.accessLevel()));
		if (!decided.decision().allowed()) {
			throw new TokenActionRefusedException(id,
					StatusReason.of("issuance.refusal.policyDenied", decided.decision().reason()));
		}
		if (decided.decision().requiredApprovals() > 0) {
			return Rotation.awaitingApproval(renew(request, requester, expiresOn));
		}
		if (this.delivery.delivered(request) != null) {
			// GitLab must still say the requester may manage the variable it goes to
			this.delivery.prepare(request, requester, null);
			// the new value goes into the variable before the old token is revoked
			this.limiter.acquire(UserLimit.TOKEN_CREATION, requester, request.getId());
			return Rotation.delivered(this.deliveredRotation.rotate(id, Actor.of(requester), expiresOn));
		}
		return Rotation.now(rotateNow(request, requester, tokenId, expiresOn));
	}

	TokenRequest renew(TokenRequest request, CurrentUser requester, LocalDate expiresOn) {
		boolean pending = this.requests.requestsOf(requester.gitlabUserId())
			.stream()
			.anyMatch((other) -> request.getId().equals(other.getRenewalOf()) && !other.getStatus().isFinal()
					&& other.getStatus() != TokenRequestStatus.ISSUED);
		if (pending) {
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("issuance.refusal.renewalPending"));
		}
		// the requester's own words; pages say what it renews from renewal_of
		String justification = request.getJustification();
		// the renewal goes where the token went, rotated as the Owners approved, checked
		// again
		VariableDestination destination = request.getDestination();
		NewTokenRequest.Delivery delivery = (destination != null)
				? NewTokenRequest.Delivery.of(destination, request.isAutoRotate()) : null;
		try {
			return this.requests.submit(new NewTokenRequest(request.getTargetType(), request.getTargetId(),
					request.getTokenName(), request.getDescription(), request.getScopes(), request.getAccessLevel(),
					expiresOn, justification.substring(0, Math.min(justification.length(), MAX_JUSTIFICATION)),
					request.getId(), request.getLifetimeHours(), delivery), requester);
		}
		catch (TargetNotAllowedException ex) {
			throw new TokenActionRefusedException(request.getId(), new DefaultMessageSourceResolvable(
					new String[] { "issuance.renewal.notSubmitted" }, new Object[] { ex.problem() }));
		}
		catch (DestinationRefusedException ex) {
			throw new TokenActionRefusedException(request.getId(), new DefaultMessageSourceResolvable(
					new String[] { "issuance.renewal.notSubmitted" }, new Object[] { ex.reason() }));
		}
		catch (OpenRequestLimitException ex) {
			throw new TokenActionRefusedException(request.getId(),
					StatusReason.of("issuance.renewal.notSubmitted.openRequestLimit", ex.limit()));
		}
		catch (NotEnoughOwnersException ex) {
			throw new TokenActionRefusedException(request.getId(),
					new DefaultMessageSourceResolvable(new String[] { "issuance.renewal.notSubmitted.tooFewOwners" },
							new Object[] { ex.required(), ex.targetPath(), ex.eligible() }));
		}
		catch (PolicyDeniedException ex) {
			throw new TokenActionRefusedException(request.getId(),
					StatusReason.of("issuance.renewal.notSubmitted.policyDenied", ex.decision().reason()));
		}
	}

	private CreatedToken rotateNow(TokenRequest request, CurrentUser requester, long oldTokenId, LocalDate expiresOn) {
		// a rotation makes a new secret, so it counts like a create
		this.limiter.acquire(UserLimit.TOKEN_CREATION, requester, request.getId());
		Actor actor = Actor.of(requester);
		String method = "rotate";
		CreatedAccessToken created;
		try {
			try {
				created = this.gitlab.rotate(request.target(), oldTokenId, expiresOn);
			}
			catch (GitLabNotFoundException noRotateEndpoint) {
				// before GitLab 16.0 there is no rotate route: create a new token, then
				// revoke the old one
				method = "create+revoke";
				created = this.gitlab.create(request.target(),
						new NewAccessToken(request.gitlabName(), IssuanceService.description(request),
								request.getScopes(), request.getAccessLevel(), expiresOn));
			}
		}
		catch (GitLabOutcomeUnknownException ex) {
			throw rotationLost(request, actor, oldTokenId);
		}
		catch (GitLabException ex) {
			GitLabRefusal refusal = GitLabRefusal.of(ex, request.target(), "rotate");
			this.events.publishEvent(new TokenActionRefused(RequestSnapshot.of(request), actor, this.clock.instant(),
					TokenActionRefused.Attempt.ROTATE, null, null, refusal.status(), refusal.gitlabReason()));
			throw new TokenActionRefusedException(request.getId(), refusal.reason());
		}
		TokenRequest rotated;
		try {
			rotated = this.steps.rotated(request.getId(), actor, oldTokenId, created.token(),
					this.fingerprints.of(created.value()), method);
		}
		catch (RuntimeException ex) {
			logger.error("Could not record rotated token {} of request {}; revoking it", created.token().id(),
					request.getShortId(), ex);
			revokeQuietly(request, created.token().id());
			throw new IssuanceFailedException(request.getId(), HttpStatus.SERVICE_UNAVAILABLE,
					StatusReason.of("rotate".equals(method) ? "issuance.failed.rotation.notRecorded.rotate"
							: "issuance.failed.rotation.notRecorded.createRevoke"));
		}
		MessageSourceResolvable warning = null;
		if (!"rotate".equals(method) && !revokeQuietly(request, oldTokenId)) {
			warning = StatusReason.of("issuance.warning.oldNotRevoked", request.getTargetPath());
		}
		GitLabAccessToken token = created.token();
		return new CreatedToken(rotated.getId(), rotated.getShortId(), rotated.getTargetPath(), token.name(),
				token.scopes(), AccessLevel.named(IssuanceService.levelOf(created, request)), token.expiresAt(),
				token.id(), true, warning, created.value(), IssuanceService.endsAt(rotated));
	}

	/**
	 * GitLab's answer to a rotation was lost. If the old token is still active nothing
	 * happened; otherwise a new token exists whose value nobody has, so every active
	 * token of the request is revoked and the request is approved again.
	 */
	private IssuanceFailedException rotationLost(TokenRequest request, Actor actor, long oldTokenId) {
		try {
			List<GitLabAccessToken> tokens = this.gitlab.list(request.target());
			boolean oldActive = tokens.stream().anyMatch((token) -> token.id() == oldTokenId && token.active());
			for (GitLabAccessToken token : tokens) {
				if (token.active() && token.id() != oldTokenId && request.owns(token.name())) {
					this.gitlab.revoke(request.target(), token.id());
					this.events.publishEvent(new StrayTokenEvent.Revoked(RequestSnapshot.of(request),
							this.clock.instant(), token.id(), null, null, "rotation answer lost"));
				}
			}
			if (oldActive) {
				return new IssuanceFailedException(request.getId(), HttpStatus.BAD_GATEWAY,
						StatusReason.of("issuance.failed.rotation.answerLost.unchanged"));
			}
			this.gitlab.revoke(request.target(), oldTokenId);
			this.steps.notReceived(request.getId(), actor, oldTokenId, true);
			return new IssuanceFailedException(request.getId(), HttpStatus.BAD_GATEWAY,
					StatusReason.of("issuance.failed.rotation.answerLost.revoked"));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not settle the lost rotation of request {}: {}", request.getShortId(), ex.getMessage());
			return new IssuanceFailedException(request.getId(), HttpStatus.BAD_GATEWAY,
					StatusReason.of("issuance.failed.rotation.answerLost.unknown"));
		}
	}

	private boolean revokeQuietly(TokenRequest request, long tokenId) {
		try {
			this.gitlab.revoke(request.target(), tokenId);
			return true;
		}
		catch (GitLabException ex) {
			logger.warn("Could not revoke token {} of request {}: {}", tokenId, request.getShortId(), ex.getMessage());
			return false;
		}
	}

	private static TargetType targetType(TokenRequest request) {
		return (request.getTargetType() == GitLabResource.PROJECT) ? TargetType.PROJECT : TargetType.GROUP;
	}

	/**
	 * What a rotation did: a new token now, or a renewal request awaiting approval.
	 *
	 * @param token the new token with its value, when rotated now
	 * @param renewal the renewal request, when approval is needed
	 * @param delivered the new token's variable, when it went into one
	 */
	public record Rotation(@Nullable CreatedToken token, @Nullable TokenRequest renewal,
			@Nullable DeliveredToken delivered) {

		public Rotation(@Nullable CreatedToken token, @Nullable TokenRequest renewal) {
			this(token, renewal, null);
		}

		static Rotation now(CreatedToken token) {
			return new Rotation(token, null);
		}

		static Rotation awaitingApproval(TokenRequest renewal) {
			return new Rotation(null, renewal);
		}

		static Rotation delivered(DeliveredToken token) {
			return new Rotation(null, null, token);
		}

		@Override
		public String toString() {
			return "Rotation[token=" + this.token + ", renewal=" + this.renewal + ", delivered=" + this.delivered + "]";
		}

	}

}
