package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Settles creates whose outcome nobody knows: GitLab's answer was lost
 * ({@code ISSUE_UNKNOWN}) or the portal stopped between the create call and recording its
 * answer ({@code ISSUING} for too long). Nobody has seen the value of any token GitLab
 * made for such a request, so reconciliation revokes every active one whose name carries
 * the request's short id, then lets the requester press again. Never creates anything.
 *
 * @author Token Portal team
 */
@Service
@EnableConfigurationProperties(IssuanceProperties.class)
public class ReconciliationService {

	private static final Logger logger = LoggerFactory.getLogger(ReconciliationService.class);

	private final TokenRequestService requests;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	private final ApplicationEventPublisher events;

	private final IssuanceProperties properties;

	private final Clock clock;

	private final VariableDelivery delivery;

	ReconciliationService(TokenRequestService requests, GitLabTokenClient gitlab, IssuanceSteps steps,
			ApplicationEventPublisher events, IssuanceProperties properties, Clock clock, VariableDelivery delivery) {
		this.delivery = delivery;
		this.requests = requests;
		this.gitlab = gitlab;
		this.steps = steps;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Reconciles every request whose outcome is unknown, and every request stuck in
	 * {@code ISSUING} for longer than the configured time.
	 * @return the requests that are settled now (back to {@code APPROVED})
	 */
	public List<UUID> reconcileAll() {
		return reconcileAll(this.clock.instant().minus(this.properties.stuckAfter()));
	}

	/**
	 * Reconciles every request whose outcome is unknown, and every request that has been
	 * {@code ISSUING} since before a moment.
	 * @param stuckBefore requests {@code ISSUING} since before this are taken as
	 * abandoned
	 * @return the requests that are settled now
	 */
	public List<UUID> reconcileAll(Instant stuckBefore) {
		List<TokenRequest> due = new ArrayList<>(this.requests.inStatus(TokenRequestStatus.ISSUE_UNKNOWN));
		this.requests.inStatus(TokenRequestStatus.ISSUING)
			.stream()
			.filter((request) -> request.getUpdatedAt().isBefore(stuckBefore))
			.forEach(due::add);
		List<UUID> settled = new ArrayList<>();
		for (TokenRequest request : due) {
			if (reconcile(request)) {
				settled.add(request.getId());
			}
		}
		// variables written for tokens that were then revoked unrecorded, when GitLab
		// could not confirm at the time
		this.delivery.settleAbandoned(stuckBefore);
		return settled;
	}

	/**
	 * Reconciles one request now, as the create does right after losing GitLab's answer.
	 * @param id the request
	 * @return {@code true} if it is settled (back to {@code APPROVED}), {@code false} if
	 * GitLab could not be asked and the job will try again
	 */
	public boolean reconcile(UUID id) {
		TokenRequest request = this.requests.get(id);
		// a request still ISSUING may be waiting for GitLab's answer right now: only the
		// job takes those, once they are stuck
		return request.getStatus() == TokenRequestStatus.ISSUE_UNKNOWN && reconcile(request);
	}

	private boolean reconcile(TokenRequest request) {
		if (request.getStatus() != TokenRequestStatus.ISSUE_UNKNOWN
				&& request.getStatus() != TokenRequestStatus.ISSUING) {
			return false;
		}
		int revoked = 0;
		try {
			for (GitLabAccessToken token : this.gitlab.list(request.target())) {
				if (token.active() && request.owns(token.name())) {
					RequestSnapshot snapshot = RequestSnapshot.of(request);
					this.events.publishEvent(
							new StrayTokenEvent.Found(snapshot, this.clock.instant(), token.id(), token.name()));
					boolean revokedNow = this.gitlab.revoke(request.target(), token.id());
					this.events.publishEvent(new StrayTokenEvent.Revoked(snapshot, this.clock.instant(), token.id(),
							token.name(), !revokedNow, null));
					// a variable the portal wrote that token into must not outlive it
					this.delivery.takeBack(request, token.id());
					revoked++;
				}
			}
		}
		catch (GitLabException ex) {
			logger.warn("Reconciliation of request {} postponed: {}", request.getShortId(), ex.getMessage());
			return false;
		}
		return this.steps.reconciled(request.getId(), revoked) != null;
	}

}
