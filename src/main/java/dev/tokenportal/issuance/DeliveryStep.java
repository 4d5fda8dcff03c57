package dev.tokenportal.issuance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import org.springframework.stereotype.Component;

/**
 * The step of a create between GitLab making the token and the portal recording it, when
 * the token goes into a CI/CD variable: write it there, or revoke it at once and give the
 * request back, so no delivery is ever half done.
 *
 * @author Token Portal team
 */
@Component
class DeliveryStep {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryStep.class);

	private final VariableDelivery delivery;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	DeliveryStep(VariableDelivery delivery, GitLabTokenClient gitlab, IssuanceSteps steps) {
		this.delivery = delivery;
		this.gitlab = gitlab;
		this.steps = steps;
	}

	/**
	 * Writes the new token into the request's variable.
	 * @param request the request, {@code ISSUING}, with a destination
	 * @param actor the requester
	 * @param created what GitLab made
	 * @return what was written
	 * @throws TokenActionRefusedException when it could not be written: the token is
	 * revoked and the request approved again (or, when even the revoke failed, left to
	 * reconciliation)
	 */
	WrittenVariable writeOrRevoke(TokenRequest request, Actor actor, CreatedAccessToken created) {
		try {
			return this.delivery.write(request, created);
		}
		catch (VariableNotWrittenException ex) {
			long tokenId = created.token().id();
			try {
				this.gitlab.revoke(request.target(), tokenId);
			}
			catch (GitLabException revokeFailed) {
				logger.error("Could not revoke undelivered token {} of request {}: {}", tokenId, request.getShortId(),
						revokeFailed.getMessage());
				// reconciliation revokes it and takes the variable back
				this.steps.unknown(request.getId(), actor, StatusReason.of("delivery.reason.notWrittenNorRevoked"));
				throw new TokenActionRefusedException(request.getId(),
						StatusReason.of("delivery.notWritten.revokePending"));
			}
			this.steps.notDelivered(request.getId(), actor, tokenId, ex);
			throw new TokenActionRefusedException(request.getId(), ex.reason());
		}
	}

}
