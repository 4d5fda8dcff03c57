package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyInput;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.TargetType;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.VariableDestination;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Service;

/**
 * The portal rotating a delivered token on its own, for the requester, before it expires.
 * It acts for the requester, so GitLab must still vouch for them (active, a member with
 * the level the request needs) and for their right to the variable, asked now. Then it
 * rotates at once when the Owners approved automatic rotation with the request or today's
 * policy grants the same token without approval; otherwise it submits a renewal for the
 * Owners, and creates it once they approve. The old token is revoked only after the new
 * one is in the variable. Scheduling, retries and who is told belong to {@code delivery}.
 *
 * @author Token Portal team
 */
@Service
public class PortalRotation {

	private final TokenRequestService requests;

	private final PolicyService policy;

	private final RequesterStanding standing;

	private final VariableDelivery delivery;

	private final DeliveredRotation rotation;

	private final RotationService rotations;

	private final IssuanceService issuance;

	private final Clock clock;

	PortalRotation(TokenRequestService requests, PolicyService policy, RequesterStanding standing,
			VariableDelivery delivery, DeliveredRotation rotation, RotationService rotations, IssuanceService issuance,
			Clock clock) {
		this.requests = requests;
		this.policy = policy;
		this.standing = standing;
		this.delivery = delivery;
		this.rotation = rotation;
		this.rotations = rotations;
		this.issuance = issuance;
		this.clock = clock;
	}

	/**
	 * Rotates a delivered token now, or asks the Owners to renew it.
	 * @param id the request, {@code ISSUED}, its token delivered
	 * @return what was done
	 * @throws TokenActionConflictException when the request has no delivered token (any
	 * more)
	 * @throws Failed when nothing could be done now; the old token keeps working
	 */
	public Outcome rotate(UUID id) {
		TokenRequest request = this.requests.get(id);
		if (request.getStatus() != TokenRequestStatus.ISSUED || request.getGitlabTokenId() == null
				|| this.delivery.delivered(request) == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		CurrentUser requester = requesterOf(request);
		GitLabMember member = confirmStanding(request, requester, TokenActionRefused.Attempt.ROTATE);
		long lifetime = lifetimeDays(request);
		LocalDate expiresOn = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).plusDays(lifetime);
		PolicyService.VersionedDecision decided = this.policy.evaluate(request.target().topLevelNamespace(),
				new PolicyInput(targetType(request), new HashSet<>(request.getScopes()), request.getAccessLevel(),
						lifetime, member.accessLevel()));
		if (!decided.decision().allowed()) {
			throw new Failed(Failure.POLICY_DENIED,
					StatusReason.of("delivery.autoRotation.policyDenied", decided.decision().reason()));
		}
		if (request.isAutoRotate() || decided.decision().requiredApprovals() == 0) {
			confirmDestination(request, requester, null);
			try {
				return Outcome.rotated(this.rotation.rotate(id, Actor.SYSTEM, expiresOn));
			}
			catch (TokenActionRefusedException ex) {
				throw new Failed(Failure.NOT_ROTATED, ex.problem());
			}
		}
		TokenRequest pending = pendingRenewal(request);
		if (pending != null) {
			return Outcome.renewal(pending, false);
		}
		try {
			return Outcome.renewal(this.rotations.renew(request, requester, expiresOn), true);
		}
		catch (TokenActionRefusedException ex) {
			throw new Failed(Failure.RENEWAL_NOT_SUBMITTED, ex.problem());
		}
	}

	/**
	 * Creates the token of an approved renewal of a delivered token, for the requester,
	 * into the variable the renewed token is in; the renewed token is revoked after.
	 * @param renewalId the renewal, {@code APPROVED}
	 * @return where the new token went
	 * @throws TokenActionConflictException when the renewal is not approved, or the token
	 * it renews is no longer delivered
	 * @throws Failed when it could not be created now
	 */
	public DeliveredToken createRenewal(UUID renewalId) {
		TokenRequest renewal = this.requests.get(renewalId);
		UUID renewedId = renewal.getRenewalOf();
		if (renewal.getStatus() != TokenRequestStatus.APPROVED || renewedId == null) {
			throw new TokenActionConflictException(renewalId, renewal.getStatus());
		}
		TokenRequest renewed = this.requests.get(renewedId);
		WrittenVariable current = (renewed.getStatus() == TokenRequestStatus.ISSUED) ? this.delivery.delivered(renewed)
				: null;
		if (current == null) {
			throw new TokenActionConflictException(renewalId, renewed.getStatus());
		}
		CurrentUser requester = requesterOf(renewal);
		confirmStanding(renewal, requester, TokenActionRefused.Attempt.CREATE);
		VariableDestination destination = current.destination();
		// a renewal submitted before requests carried their destination goes where the
		// token it renews is
		TokenRequest ready = confirmDestination(renewal, requester,
				(renewal.getDestination() != null) ? null
						: new VariableDelivery.DestinationChoice(destination.owner().fullPath(), destination.key(),
								destination.environmentScope(), destination.protectedOnly(),
								destination.maskedAndHidden()));
		IssuanceService.Creation creation;
		try {
			creation = this.issuance.createForPortal(ready);
		}
		catch (TokenActionRefusedException ex) {
			throw new Failed(Failure.NOT_ROTATED, ex.problem());
		}
		catch (IssuanceFailedException ex) {
			throw new Failed(Failure.NOT_ROTATED, StatusReason.of("delivery.autoRotation.answerLost"));
		}
		if (creation.delivered() == null) {
			throw new IllegalStateException("Renewal " + renewal.getShortId() + " was not delivered");
		}
		return creation.delivered();
	}

	/**
	 * The token's lifetime as first asked, in days: what each new token gets again.
	 * @param request the request
	 * @return the days, at least one
	 */
	public static long lifetimeDays(TokenRequest request) {
		return Math.max(1, ChronoUnit.DAYS.between(request.getCreatedAt().atZone(ZoneOffset.UTC).toLocalDate(),
				request.getExpiresOn()));
	}

	private GitLabMember confirmStanding(TokenRequest request, CurrentUser requester,
			TokenActionRefused.Attempt attempt) {
		try {
			return this.standing.confirm(request, requester, attempt);
		}
		catch (TokenActionRefusedException ex) {
			boolean refused = hasCode(ex.problem(), RequesterStanding.REFUSED);
			throw new Failed(refused ? Failure.REQUESTER_REFUSED : Failure.GITLAB_UNAVAILABLE, ex.problem());
		}
	}

	private TokenRequest confirmDestination(TokenRequest request, CurrentUser requester,
			VariableDelivery.@Nullable DestinationChoice choice) {
		try {
			return this.delivery.prepare(request, requester, choice);
		}
		catch (TokenActionRefusedException ex) {
			boolean unknown = hasCode(ex.problem(), "delivery.choice.unknown");
			throw new Failed(unknown ? Failure.GITLAB_UNAVAILABLE : Failure.DESTINATION_REFUSED, ex.problem());
		}
	}

	private @Nullable TokenRequest pendingRenewal(TokenRequest request) {
		return this.requests.requestsOf(request.getRequesterId())
			.stream()
			.filter((other) -> request.getId().equals(other.getRenewalOf()) && !other.getStatus().isFinal()
					&& other.getStatus() != TokenRequestStatus.ISSUED)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The requester, as the portal acts for them: their GitLab id and name, nothing from
	 * a session.
	 */
	private static CurrentUser requesterOf(TokenRequest request) {
		return new CurrentUser(request.getRequesterId(), request.getRequesterUsername(), request.getRequesterUsername(),
				null, Set.of(PortalRole.USER));
	}

	private static boolean hasCode(MessageSourceResolvable problem, String code) {
		String[] codes = problem.getCodes();
		return codes != null && Arrays.asList(codes).contains(code);
	}

	private static TargetType targetType(TokenRequest request) {
		return (request.getTargetType() == GitLabResource.PROJECT) ? TargetType.PROJECT : TargetType.GROUP;
	}

	/**
	 * What a rotation by the portal did.
	 *
	 * @param delivered the new token and its variable, when rotated now
	 * @param renewalId the renewal awaiting the Owners, when they must approve
	 * @param renewalSubmitted whether that renewal was submitted now (not earlier)
	 */
	public record Outcome(@Nullable DeliveredToken delivered, @Nullable UUID renewalId, boolean renewalSubmitted) {

		static Outcome rotated(DeliveredToken token) {
			return new Outcome(token, null, false);
		}

		static Outcome renewal(TokenRequest renewal, boolean submitted) {
			return new Outcome(null, renewal.getId(), submitted);
		}

	}

	/**
	 * Why the portal could not rotate a token now.
	 */
	public enum Failure {

		/** GitLab could not be asked (down, slow, throttling). */
		GITLAB_UNAVAILABLE(false),

		/**
		 * GitLab says the requester may no longer have the token (left, blocked, level
		 * too low).
		 */
		REQUESTER_REFUSED(true),

		/** GitLab says the requester may no longer manage the variable. */
		DESTINATION_REFUSED(true),

		/** Today's policy no longer allows the token at all. */
		POLICY_DENIED(true),

		/** GitLab refused the new token or its variable, or its answer was lost. */
		NOT_ROTATED(false),

		/** The renewal for the Owners could not be submitted. */
		RENEWAL_NOT_SUBMITTED(false);

		private final boolean needsSomeone;

		Failure(boolean needsSomeone) {
			this.needsSomeone = needsSomeone;
		}

		/**
		 * Whether trying again cannot help until someone changes something (GitLab's
		 * verdict, the policy), so the people who can are told at once.
		 * @return {@code true} if so
		 */
		public boolean needsSomeone() {
			return this.needsSomeone;
		}

	}

	/**
	 * A rotation by the portal that did not happen; the old token keeps working.
	 */
	public static class Failed extends RuntimeException {

		private final Failure failure;

		private final MessageSourceResolvable reason;

		Failed(Failure failure, MessageSourceResolvable reason) {
			super("Not rotated: " + failure);
			this.failure = failure;
			this.reason = reason;
		}

		public Failure failure() {
			return this.failure;
		}

		/**
		 * Why, in words to resolve.
		 * @return the reason
		 */
		public MessageSourceResolvable reason() {
			return this.reason;
		}

	}

}
