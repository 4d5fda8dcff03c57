package dev.tokenportal.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.OwnedTargets;
import dev.tokenportal.gitlab.TokenShapedText;
import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.requests.RequestLapsedException;
import dev.tokenportal.requests.RequestLapses;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.TokenRequests;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval use cases: an Owner's queue, approve (with an optional comment), reject.
 * Eligibility is asked of GitLab live before anything is locked (someone who may not see
 * the request is told there is none); the decision itself is taken on the locked request
 * in one transaction with its audit event, so concurrent presses are counted exactly once
 * each, and a request found overdue lapses there instead. Nothing here writes to GitLab.
 *
 * @author Token Portal team
 */
@Service
public class ApprovalService {

	/** The longest rejection reason kept. */
	public static final int MAX_REASON = 2000;

	/** Requests on a page of the queue. */
	public static final int PAGE_SIZE = 50;

	private static final String ONCE_PER_APPROVER = "approval_once_per_approver";

	private static final Logger logger = LoggerFactory.getLogger(ApprovalService.class);

	private final TokenRequestService requests;

	private final ApprovalRepository approvals;

	private final ApproverEligibility eligibility;

	private final TargetOwnership ownership;

	private final TokenRequests transitions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final RequestLapses lapses;

	private final Clock clock;

	ApprovalService(TokenRequestService requests, ApprovalRepository approvals, ApproverEligibility eligibility,
			TargetOwnership ownership, TokenRequests transitions, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, RequestLapses lapses, Clock clock) {
		this.requests = requests;
		this.approvals = approvals;
		this.eligibility = eligibility;
		this.ownership = ownership;
		this.transitions = transitions;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.lapses = lapses;
		this.clock = clock;
	}

	/**
	 * The first page of the requests waiting for the viewer.
	 * @param viewer the signed-in user
	 * @return the queue, or why GitLab could not say what they own
	 * @see #queue(CurrentUser, QueueFilter)
	 */
	@PreAuthorize("hasRole('USER')")
	public ApprovalQueue queue(CurrentUser viewer) {
		return queue(viewer, QueueFilter.NONE);
	}

	/**
	 * A page of the requests waiting for the viewer: pending, on a project or group
	 * GitLab says they own (inherited ownership included, asked with their own token),
	 * and not their own; narrowed, bounded and paged in SQL.
	 * @param viewer the signed-in user
	 * @param filter what to show and where the page starts
	 * @return the queue, or why GitLab could not say what they own
	 */
	@PreAuthorize("hasRole('USER')")
	public ApprovalQueue queue(CurrentUser viewer, QueueFilter filter) {
		OwnedTargets owned;
		try {
			owned = this.ownership.amongPending(viewer.gitlabUserId());
		}
		catch (GitLabException ex) {
			logger.warn("Could not ask GitLab what {} owns: {}", viewer.username(), ex.getMessage());
			return ApprovalQueue.unavailable("approvals.inbox.unavailable");
		}
		KeysetPage<TokenRequest> page = this.requests.pendingOn(owned, viewer.gitlabUserId(), false, filter.query(),
				PAGE_SIZE);
		List<TokenRequest> waiting = page.items();
		Map<UUID, List<Approval>> decisions = waiting.isEmpty() ? Map.of()
				: this.approvals.findByRequestIdIn(waiting.stream().map(TokenRequest::getId).toList())
					.stream()
					.collect(Collectors.groupingBy(Approval::getRequestId));
		return new ApprovalQueue(waiting.stream()
			.map((request) -> QueuedRequest.of(request, decisions.getOrDefault(request.getId(), List.of()),
					viewer.gitlabUserId()))
			.toList(), null, page.next(), page.first());
	}

	/**
	 * An Owner approves. The request becomes {@code APPROVED} when enough distinct Owners
	 * have approved.
	 * @param requestId the request
	 * @param approver the signed-in user
	 * @return where the request stands now
	 * @throws TokenRequestNotFoundException when there is no such request or the user may
	 * not see it
	 * @throws ApprovalRefusedException when the user may not approve (their own request,
	 * not an Owner, already approved, no longer pending) or GitLab could not confirm
	 * @throws RequestLapsedException when the request was overdue: it lapsed instead
	 */
	@PreAuthorize("hasRole('USER')")
	public ApprovalResult approve(UUID requestId, CurrentUser approver) {
		return decide(requestId, approver, ApprovalDecision.APPROVED, null, null);
	}

	/**
	 * An Owner approves with a comment the requester will read; otherwise as
	 * {@link #approve(UUID, CurrentUser)}.
	 * @param requestId the request
	 * @param approver the signed-in user
	 * @param comment at most {@value ApprovalComments#MAX_LENGTH} characters, never a
	 * token; {@code null} or blank for none
	 * @return where the request stands now
	 * @throws ApprovalRefusedException when the comment cannot be kept, or as
	 * {@link #approve(UUID, CurrentUser)}
	 */
	@PreAuthorize("hasRole('USER')")
	public ApprovalResult approve(UUID requestId, CurrentUser approver, @Nullable String comment) {
		return decide(requestId, approver, ApprovalDecision.APPROVED, null, ApprovalComments.checked(comment));
	}

	/**
	 * An Owner rejects, with a reason the requester will read. The request ends.
	 * @param requestId the request
	 * @param approver the signed-in user
	 * @param reason why, at most {@value #MAX_REASON} characters
	 * @return where the request stands now
	 * @throws ApprovalRefusedException when the reason is missing or too long, or the
	 * user may not reject
	 * @throws RequestLapsedException when the request was overdue: it lapsed instead
	 */
	@PreAuthorize("hasRole('USER')")
	public ApprovalResult reject(UUID requestId, CurrentUser approver, @Nullable String reason) {
		String given = (reason != null) ? reason.strip() : "";
		if (given.isEmpty()) {
			throw ApprovalRefusedException.denied("approvals.refused.reasonMissing");
		}
		if (given.length() > MAX_REASON) {
			throw ApprovalRefusedException.denied("approvals.refused.reasonTooLong", MAX_REASON);
		}
		if (TokenShapedText.holdsToken(given)) {
			throw ApprovalRefusedException.denied("approvals.refused.reasonHoldsToken");
		}
		return decide(requestId, approver, ApprovalDecision.REJECTED, given, null);
	}

	/**
	 * The decisions taken on a request so far.
	 * @param requestId the request
	 * @return the approvals count and every decision, oldest first
	 */
	@PreAuthorize("hasRole('USER')")
	@Transactional(readOnly = true)
	public ApprovalSummary summary(UUID requestId) {
		List<Approval> decisions = this.approvals.findByRequestIdOrderByDecidedAt(requestId);
		long approved = decisions.stream().filter((a) -> a.getDecision() == ApprovalDecision.APPROVED).count();
		return new ApprovalSummary(approved, decisions.stream().map(DecisionView::of).toList());
	}

	private ApprovalResult decide(UUID requestId, CurrentUser approver, ApprovalDecision decision,
			@Nullable String reason, @Nullable String comment) {
		TokenRequest seen = this.requests.get(requestId);
		try {
			refuseOwnRequest(seen, approver, decision);
			// before anything about the request's state is told: someone who may not see
			// it gets the 404 viewing it gives. Asked before any lock or audit append is
			// taken, so no GitLab call holds either
			GitLabMember member;
			try {
				member = this.eligibility.confirmOwner(seen, approver, verb(decision));
			}
			finally {
				// GitLab was just asked live: pages ask again rather than show the old
				// answer
				this.ownership.forget(approver.gitlabUserId(), seen.target());
			}
			refuseIfUndecidable(seen, approver, decision);
			ApprovalResult result = this.transactions
				.execute((status) -> record(requestId, approver, decision, reason, comment, member));
			if (result.status() == TokenRequestStatus.LAPSED) {
				// the lapse is committed with its event; the decision was not taken
				throw this.lapses.refusal(this.requests.get(requestId));
			}
			return result;
		}
		catch (DataIntegrityViolationException ex) {
			// the row lock makes this unreachable in practice; the unique constraint is
			// the backstop
			if (!String.valueOf(ex.getMostSpecificCause().getMessage()).contains(ONCE_PER_APPROVER)) {
				throw ex;
			}
			ApprovalRefusedException refusal = alreadyDecided(decision);
			refused(seen, approver, decision, refusal);
			throw refusal;
		}
		catch (ApprovalRefusedException ex) {
			refused(seen, approver, decision, ex);
			throw ex;
		}
	}

	private ApprovalResult record(UUID requestId, CurrentUser approver, ApprovalDecision decision,
			@Nullable String reason, @Nullable String comment, GitLabMember member) {
		Instant now = this.clock.instant();
		// overdue before the job ran: the job's rule lapses it now, not the decision (the
		// row stays locked until the end of the transaction)
		if (this.transitions.lapseIfOverdue(requestId, now, verb(decision) + " by " + approver.username()) != null) {
			TokenRequest lapsed = this.requests.get(requestId);
			return new ApprovalResult(requestId, lapsed.getStatus(), 0, lapsed.getRequiredApprovals());
		}
		// someone may have decided while GitLab was asked: the locked state is what
		// counts
		refuseIfUndecidable(this.requests.get(requestId), approver, decision);
		TokenRequestEvent.Actor actor = TokenRequestEvent.Actor.of(approver);
		TokenRequest request;
		long given;
		if (decision == ApprovalDecision.REJECTED && reason != null) {
			this.approvals.saveAndFlush(Approval.rejected(requestId, approver.gitlabUserId(), approver.username(),
					reason, member.accessLevel(), now));
			given = this.approvals.countByRequestIdAndDecision(requestId, ApprovalDecision.APPROVED);
			request = this.transitions.reject(requestId, actor, reason, member.accessLevel(), given);
		}
		else {
			this.approvals.saveAndFlush(Approval.approved(requestId, approver.gitlabUserId(), approver.username(),
					comment, member.accessLevel(), now));
			given = this.approvals.countByRequestIdAndDecision(requestId, ApprovalDecision.APPROVED);
			request = this.transitions.approvalGiven(requestId, actor, member.accessLevel(), given, comment,
					commentsOn(requestId));
		}
		return new ApprovalResult(requestId, request.getStatus(), given, request.getRequiredApprovals());
	}

	// every Owner's words so far, for the requester's message once it is approved
	private List<TokenRequestEvent.OwnerComment> commentsOn(UUID requestId) {
		return this.approvals.findByRequestIdOrderByDecidedAt(requestId)
			.stream()
			.filter((approval) -> approval.getComment() != null)
			.map((approval) -> new TokenRequestEvent.OwnerComment(approval.getApproverName(),
					Objects.requireNonNull(approval.getComment())))
			.toList();
	}

	private void refuseOwnRequest(TokenRequest request, CurrentUser approver, ApprovalDecision decision) {
		if (request.isRequestedBy(approver.gitlabUserId())) {
			throw ApprovalRefusedException.denied((decision == ApprovalDecision.REJECTED)
					? "approvals.refused.ownRequest.reject" : "approvals.refused.ownRequest.approve",
					request.getTargetPath());
		}
	}

	private void refuseIfUndecidable(TokenRequest request, CurrentUser approver, ApprovalDecision decision) {
		refuseOwnRequest(request, approver, decision);
		Optional<Approval> earlier = this.approvals.findByRequestIdAndApproverId(request.getId(),
				approver.gitlabUserId());
		if (earlier.isPresent()) {
			throw alreadyDecided(earlier.get().getDecision());
		}
		if (request.getStatus() != TokenRequestStatus.PENDING_APPROVAL) {
			throw ApprovalRefusedException.denied("approvals.refused.notWaiting." + request.getStatus().name());
		}
	}

	private void refused(TokenRequest request, CurrentUser approver, ApprovalDecision decision,
			ApprovalRefusedException refusal) {
		this.events.publishEvent(new ApprovalRefused(TokenRequestEvent.RequestSnapshot.of(request),
				TokenRequestEvent.Actor.of(approver), this.clock.instant(), decision,
				new DefaultMessageSourceResolvable(refusal), refusal.gitLabFailed()));
	}

	private static ApprovalRefusedException alreadyDecided(ApprovalDecision earlier) {
		return ApprovalRefusedException.denied((earlier == ApprovalDecision.APPROVED)
				? "approvals.refused.alreadyApproved" : "approvals.refused.alreadyRejected");
	}

	private static String verb(ApprovalDecision decision) {
		return (decision == ApprovalDecision.APPROVED) ? "approve" : "reject";
	}

}
