package dev.tokenportal.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.tokenportal.requests.StatusReason;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the request's events and publishes them as {@code requests} does: inside a
 * transaction, so that after-commit listeners hear them when it commits. The one place
 * that knows the events' shape in these tests.
 *
 * @author Token Portal team
 */
final class NotificationEvents {

	static final Actor ALICE = new Actor(SandboxSeed.ALICE_ID, SandboxSeed.ALICE);

	static final Actor BOB = new Actor(SandboxSeed.BOB_ID, SandboxSeed.BOB);

	private final ApplicationEventPublisher publisher;

	private final TransactionTemplate transactions;

	NotificationEvents(ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager) {
		this.publisher = publisher;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Publishes events in one transaction, which commits before this returns.
	 * @param events the events
	 */
	void publish(TokenRequestEvent... events) {
		this.transactions.executeWithoutResult((status) -> {
			for (TokenRequestEvent event : events) {
				this.publisher.publishEvent(event);
			}
		});
	}

	/**
	 * A request of alice's for {@code platform/backend/api} (Owners: bob through
	 * {@code platform}, carol through {@code platform/backend}) that never touched the
	 * database.
	 * @param status its status
	 * @return the snapshot
	 */
	static RequestSnapshot apiRequest(TokenRequestStatus status) {
		UUID id = UUID.randomUUID();
		return new RequestSnapshot(id, "tp-" + id.toString().substring(0, 8), SandboxSeed.ALICE_ID, SandboxSeed.ALICE,
				new GitLabTarget(GitLabResource.PROJECT, SandboxSeed.API_ID, SandboxSeed.API), "ci-reader",
				Tier.STANDARD, status, 1, null, LocalDate.of(2027, 1, 31));
	}

	/**
	 * The snapshot of a request in the database.
	 * @param request the request
	 * @return its snapshot as it stands
	 */
	static RequestSnapshot of(TokenRequest request) {
		return new RequestSnapshot(request.getId(), request.getShortId(), request.getRequesterId(),
				request.getRequesterUsername(), request.target(), request.getTokenName(), request.getTier(),
				request.getStatus(), request.getRequiredApprovals(), request.getGitlabTokenId(),
				request.tokenExpiresOn());
	}

	static TokenRequestEvent.RequestSubmitted submitted(RequestSnapshot request, Instant at) {
		return new TokenRequestEvent.RequestSubmitted(request,
				new Actor(request.requesterId(), request.requesterUsername()), at, List.of("read_api"), 30, 30,
				"standard", StatusReason.of("policy.reason.standard.default.write"), 1, null);
	}

	static TokenRequestEvent.RequestApproved approved(RequestSnapshot request, Instant at,
			TokenRequestEvent.OwnerComment... comments) {
		return new TokenRequestEvent.RequestApproved(request, BOB, at, List.of(comments));
	}

	static TokenRequestEvent.RequestRejected rejected(RequestSnapshot request, Instant at, String reason) {
		return new TokenRequestEvent.RequestRejected(request, BOB, at, reason, 50, 0);
	}

	static TokenRequestEvent.TokenIssueRefused refused(RequestSnapshot request, Instant at, StatusReason reason) {
		return new TokenRequestEvent.TokenIssueRefused(request, ALICE, at, reason, true, false, 403, "403 Forbidden");
	}

	static TokenRequestEvent.TokenIssueUnknown unknown(RequestSnapshot request, Instant at) {
		return new TokenRequestEvent.TokenIssueUnknown(request, ALICE, at,
				StatusReason.of("issuance.reason.answerLost.lost"));
	}

	static TokenRequestEvent.RequestLapsing lapsing(RequestSnapshot request, Instant at, Instant lapsesAt) {
		return new TokenRequestEvent.RequestLapsing(request, Actor.SYSTEM, at, lapsesAt);
	}

	static TokenRequestEvent.TokenExpiring expiring(RequestSnapshot request, Instant at, int daysLeft) {
		return new TokenRequestEvent.TokenExpiring(request, Actor.SYSTEM, at, daysLeft, false);
	}

	static TokenRequestEvent.TokenIssued issued(RequestSnapshot request, Instant at) {
		return new TokenRequestEvent.TokenIssued(request, ALICE, at);
	}

}
