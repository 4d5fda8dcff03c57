package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabOutcomeUnknownException;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;

/**
 * Rotating a token that lives in a CI/CD variable. GitLab's rotate endpoint revokes the
 * old token before the new value is in the variable, so the portal never uses it here: it
 * creates a new token, writes it into the same variable, records it, and only then
 * revokes the old one. If the variable cannot be written, the new token is revoked and
 * the old one keeps working. No policy or permission check happens here: the callers (the
 * requester's Rotate, or the portal's own rotation before expiry) decide first.
 *
 * @author Token Portal team
 */
@Service
public class DeliveredRotation {

	private static final Logger logger = LoggerFactory.getLogger(DeliveredRotation.class);

	private final TokenRequestService requests;

	private final GitLabTokenClient gitlab;

	private final VariableDelivery delivery;

	private final IssuanceSteps steps;

	private final TokenFingerprints fingerprints;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DeliveredRotation(TokenRequestService requests, GitLabTokenClient gitlab, VariableDelivery delivery,
			IssuanceSteps steps, TokenFingerprints fingerprints, ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.gitlab = gitlab;
		this.delivery = delivery;
		this.steps = steps;
		this.fingerprints = fingerprints;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Replaces the token of a request whose token went into a CI/CD variable, by a new
	 * token written into the same variable; the old one is revoked last.
	 * @param id the request, {@code ISSUED}, delivered
	 * @param actor who rotates: the requester, or {@link Actor#SYSTEM}
	 * @param expiresOn the new token's expiry date
	 * @return the new token, without its value, and where it went
	 * @throws TokenActionConflictException when the request has no delivered token
	 * @throws TokenActionRefusedException when GitLab refused the new token or the
	 * variable could not be written; the old token keeps working
	 */
	public DeliveredToken rotate(UUID id, Actor actor, LocalDate expiresOn) {
		TokenRequest request = this.requests.get(id);
		Long oldTokenId = request.getGitlabTokenId();
		if (request.getStatus() != TokenRequestStatus.ISSUED || oldTokenId == null
				|| this.delivery.delivered(request) == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		CreatedAccessToken created;
		try {
			created = this.gitlab.create(request.target(), new NewAccessToken(request.gitlabName(),
					IssuanceService.description(request), request.getScopes(), request.getAccessLevel(), expiresOn));
		}
		catch (GitLabOutcomeUnknownException ex) {
			revokeStrays(request, oldTokenId);
			throw new TokenActionRefusedException(id, StatusReason.of("delivery.rotate.answerLost"));
		}
		catch (GitLabException ex) {
			GitLabRefusal refusal = GitLabRefusal.of(ex, request.target(), "rotate");
			this.events.publishEvent(new TokenActionRefused(RequestSnapshot.of(request), actor, this.clock.instant(),
					TokenActionRefused.Attempt.ROTATE, null, null, refusal.status(), refusal.gitlabReason()));
			throw new TokenActionRefusedException(id, refusal.reason());
		}
		long newTokenId = created.token().id();
		WrittenVariable written;
		try {
			written = this.delivery.write(request, created);
		}
		catch (VariableNotWrittenException ex) {
			revokeQuietly(request, newTokenId);
			this.events.publishEvent(new TokenActionRefused(RequestSnapshot.of(request), actor, this.clock.instant(),
					TokenActionRefused.Attempt.ROTATE, "delivery", ex.reason(), ex.gitlabStatus(), ex.gitlabReason()));
			throw new TokenActionRefusedException(id, new DefaultMessageSourceResolvable(
					new String[] { "delivery.rotate.notWritten" }, new Object[] { ex.reason() }));
		}
		TokenRequest rotated;
		try {
			rotated = this.steps.rotated(id, actor, oldTokenId, created.token(), this.fingerprints.of(created.value()),
					written);
		}
		catch (RuntimeException ex) {
			logger.error("Could not record rotated token {} of request {}; revoking it", newTokenId,
					request.getShortId(), ex);
			revokeQuietly(request, newTokenId);
			throw new TokenActionRefusedException(id, StatusReason.of("delivery.rotate.notRecorded"));
		}
		MessageSourceResolvable warning = null;
		if (!revokeQuietly(request, oldTokenId)) {
			warning = StatusReason.of("issuance.warning.oldNotRevoked", request.getTargetPath());
		}
		GitLabAccessToken token = created.token();
		return new DeliveredToken(rotated.getId(), rotated.getShortId(), rotated.getTargetPath(), token.name(),
				token.scopes(), AccessLevel.named(IssuanceService.levelOf(created, request)), token.expiresAt(),
				newTokenId, true, warning, written);
	}

	/**
	 * The answer to the new token's create was lost: whatever GitLab made is revoked
	 * (nobody has its value); the old token was never touched.
	 */
	private void revokeStrays(TokenRequest request, long oldTokenId) {
		try {
			List<GitLabAccessToken> tokens = this.gitlab.list(request.target());
			for (GitLabAccessToken token : tokens) {
				if (token.active() && token.id() != oldTokenId && request.owns(token.name())) {
					this.gitlab.revoke(request.target(), token.id());
					this.events.publishEvent(new StrayTokenEvent.Revoked(RequestSnapshot.of(request),
							this.clock.instant(), token.id(), null, null, "rotation answer lost"));
				}
			}
		}
		catch (GitLabException ex) {
			logger.warn("Could not settle the lost rotation of request {}: {}", request.getShortId(), ex.getMessage());
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

}
