package dev.tokenportal.issuance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestService;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Revokes tokens with a lifetime in hours once their end has come: in GitLab first, then
 * {@code ISSUED → REVOKED}, audited as any revocation. GitLab's own expiry is a day later
 * as a backstop. The end is kept on the request, so a restart or another instance picks
 * up where this one stopped; a revoke GitLab refuses or does not answer is tried again on
 * the next run. The CI/CD variable the portal wrote the token into is deleted. One
 * instance runs it at a time.
 *
 * @author Token Portal team
 */
@Component
public class TokenLifetimeJob {

	static final String REASON = "issuance.reason.lifetime-ended";

	private static final Logger logger = LoggerFactory.getLogger(TokenLifetimeJob.class);

	private final TokenRequestService requests;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	private final Clock clock;

	private final VariableDelivery delivery;

	TokenLifetimeJob(TokenRequestService requests, GitLabTokenClient gitlab, IssuanceSteps steps, Clock clock,
			VariableDelivery delivery) {
		this.requests = requests;
		this.gitlab = gitlab;
		this.steps = steps;
		this.clock = clock;
		this.delivery = delivery;
	}

	/**
	 * Revokes every issued token whose end has passed.
	 * @return the requests revoked by this run
	 */
	@Scheduled(fixedDelayString = "${portal.issuance.lifetime-check-interval:PT1M}", initialDelayString = "PT30S")
	@SchedulerLock(name = "token-lifetime", lockAtMostFor = "PT10M")
	public List<UUID> revokeEnded() {
		List<UUID> revoked = new ArrayList<>();
		for (TokenRequest request : this.requests.lifetimeEnded(this.clock.instant())) {
			if (revoke(request)) {
				revoked.add(request.getId());
			}
		}
		if (!revoked.isEmpty()) {
			logger.info("{} token(s) reached the end of their lifetime in hours and were revoked", revoked.size());
		}
		return revoked;
	}

	private boolean revoke(TokenRequest request) {
		Long tokenId = request.getGitlabTokenId();
		if (tokenId == null) {
			return false;
		}
		boolean revokedNow;
		try {
			// false: GitLab no longer knows the token, which is as good as revoked
			revokedNow = this.gitlab.revoke(request.target(), tokenId);
		}
		catch (GitLabException ex) {
			logger.warn("Could not revoke token {} of request {} at the end of its lifetime; next run tries again: {}",
					tokenId, request.getShortId(), ex.getMessage());
			return false;
		}
		// the dead token's variable goes too, as on any revoke
		VariableDelivery.VariableRemoval removal = this.delivery.remove(request, tokenId, false);
		try {
			this.steps.revoked(request.getId(), Actor.SYSTEM, tokenId,
					StatusReason.of(REASON, String.valueOf(request.getLifetimeHours())), !revokedNow, removal);
			return true;
		}
		catch (TokenActionConflictException ex) {
			// revoked or rotated meanwhile by someone else; a rotated token has a new end
			return false;
		}
	}

}
