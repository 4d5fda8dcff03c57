package dev.tokenportal.approvals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.TokenRequestView;
import dev.tokenportal.security.CurrentUser;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What an Owner sees before deciding: the page that asks for a rejection's reason, and
 * beside the approval panel the requester's own role on the target and their other tokens
 * there. Nothing here decides or writes.
 *
 * @author Token Portal team
 */
@Service
public class ApprovalPages {

	/** The requester's other tokens listed at most. */
	public static final int MAX_OTHER_TOKENS = 10;

	private static final Logger logger = LoggerFactory.getLogger(ApprovalPages.class);

	private final TokenRequestService requests;

	private final ApprovalRepository approvals;

	private final ApproverEligibility eligibility;

	private final TargetOwnership ownership;

	private final GitLabTokenClient gitlab;

	ApprovalPages(TokenRequestService requests, ApprovalRepository approvals, ApproverEligibility eligibility,
			TargetOwnership ownership, GitLabTokenClient gitlab) {
		this.requests = requests;
		this.approvals = approvals;
		this.eligibility = eligibility;
		this.ownership = ownership;
		this.gitlab = gitlab;
	}

	/**
	 * The request an Owner is about to reject, checked as the reject itself checks it
	 * (GitLab asked live), so that the page is offered only to who could reject.
	 * @param requestId the request
	 * @param viewer the signed-in user
	 * @return the request as the queue shows it
	 * @throws TokenRequestNotFoundException when the user may not see the request
	 * @throws ApprovalRefusedException when they may see it but not reject it now (their
	 * own, not an Owner, decided already, no longer pending, GitLab could not say)
	 */
	@PreAuthorize("hasRole('USER')")
	public QueuedRequest rejectable(UUID requestId, CurrentUser viewer) {
		TokenRequest request = this.requests.get(requestId);
		if (request.isRequestedBy(viewer.gitlabUserId())) {
			throw ApprovalRefusedException.denied("approvals.refused.ownRequest.reject", request.getTargetPath());
		}
		try {
			this.eligibility.confirmOwner(request, viewer, "reject");
		}
		finally {
			this.ownership.forget(viewer.gitlabUserId(), request.target());
		}
		Optional<Approval> earlier = this.approvals.findByRequestIdAndApproverId(requestId, viewer.gitlabUserId());
		if (earlier.isPresent()) {
			throw ApprovalRefusedException.denied((earlier.get().getDecision() == ApprovalDecision.APPROVED)
					? "approvals.refused.alreadyApproved" : "approvals.refused.alreadyRejected");
		}
		if (request.getStatus() != TokenRequestStatus.PENDING_APPROVAL) {
			throw ApprovalRefusedException.denied("approvals.refused.notWaiting." + request.getStatus().name());
		}
		return QueuedRequest.of(request, this.approvals.findByRequestIdOrderByDecidedAt(requestId),
				viewer.gitlabUserId());
	}

	/**
	 * The requester as an Owner deciding on their request sees them: their role on the
	 * target as GitLab says now (one membership call with the service account; a GitLab
	 * failure leaves the role unknown, never the page), and their other tokens in use
	 * there, from the portal's own records.
	 * @param view the request as the viewer may see it
	 * @return the facts, or {@code null} when the viewer is not deciding on it (not an
	 * Owner, the requester, or the request no longer waits)
	 */
	@PreAuthorize("hasRole('USER')")
	public @Nullable RequesterFacts requesterFacts(TokenRequestView view) {
		if (!view.viewerIsApprover() || view.viewerIsRequester()
				|| view.status() != TokenRequestStatus.PENDING_APPROVAL) {
			return null;
		}
		TokenRequest request = this.requests.get(view.id());
		List<TokenRequest> others = this.requests.activeTokensOf(request.getRequesterId(), request.target(),
				request.getId(), MAX_OTHER_TOKENS + 1);
		return new RequesterFacts(request.getRequesterUsername(), request.getTargetPath(), role(request),
				others.stream().limit(MAX_OTHER_TOKENS).map(RequesterFacts.OtherToken::of).toList(),
				others.size() > MAX_OTHER_TOKENS);
	}

	private RequesterFacts.Role role(TokenRequest request) {
		try {
			return this.gitlab.effectiveMember(request.target(), request.getRequesterId())
				.map(RequesterFacts.Role::of)
				.orElse(RequesterFacts.Role.NOT_A_MEMBER);
		}
		catch (GitLabException ex) {
			logger.warn("Could not ask GitLab for {}'s role on {}: {}", request.getRequesterUsername(),
					request.getTargetPath(), ex.getMessage());
			return RequesterFacts.Role.UNKNOWN;
		}
	}

	/**
	 * The requester of a request, as an Owner deciding on it sees them.
	 *
	 * @param requester the requester's username
	 * @param targetPath the target's full path
	 * @param role their role on the target now
	 * @param otherTokens their other tokens in use on the target, soonest to end first,
	 * at most {@link #MAX_OTHER_TOKENS}
	 * @param moreTokens whether they hold more than those listed
	 */
	public record RequesterFacts(String requester, String targetPath, Role role, List<OtherToken> otherTokens,
			boolean moreTokens) {

		public RequesterFacts {
			otherTokens = List.copyOf(otherTokens);
		}

		/**
		 * The requester's membership of the target as GitLab reported it.
		 *
		 * @param known whether GitLab answered
		 * @param accessLevel the role, to resolve, {@code null} when not a member (or not
		 * known)
		 * @param inactiveState the account's state when it is not active (blocked,
		 * banned, …), else {@code null}
		 */
		public record Role(boolean known, @Nullable MessageSourceResolvable accessLevel,
				@Nullable String inactiveState) {

			static final Role NOT_A_MEMBER = new Role(true, null, null);

			static final Role UNKNOWN = new Role(false, null, null);

			static Role of(GitLabMember member) {
				String state = member.state();
				return new Role(true, AccessLevel.named(member.accessLevel()),
						(state == null || "active".equals(state)) ? null : state);
			}

		}

		/**
		 * One of the requester's other tokens on the target.
		 *
		 * @param requestId the request that holds it
		 * @param shortId that request's short id
		 * @param tokenName the token's name
		 * @param scopes its scopes as GitLab made it
		 * @param accessLevel its role, to resolve
		 * @param expiresOn its expiry date
		 */
		public record OtherToken(UUID requestId, String shortId, String tokenName, List<String> scopes,
				MessageSourceResolvable accessLevel, LocalDate expiresOn) {

			public OtherToken {
				scopes = List.copyOf(scopes);
			}

			static OtherToken of(TokenRequest request) {
				return new OtherToken(request.getId(), request.getShortId(), request.getTokenName(),
						request.tokenScopes(), AccessLevel.named(request.tokenAccessLevel()), request.tokenExpiresOn());
			}

		}

	}

}
