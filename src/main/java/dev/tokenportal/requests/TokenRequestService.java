package dev.tokenportal.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabAccount;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabNotFoundException;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.OwnedTargets;
import dev.tokenportal.policy.PolicyInput;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.TargetType;
import dev.tokenportal.requests.PreviewFacts.Membership;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token request's use cases: submit under the policy, look up, cancel. Approvals and
 * issuance move requests through {@link TokenRequests}, never through the repository.
 *
 * @author Token Portal team
 */
@Service
public class TokenRequestService {

	private final TokenRequestRepository requests;

	private final PolicyService policy;

	private final GitLabTokenClient gitlab;

	private final OpenRequestQuota quota;

	private final EligibleOwners owners;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final RequestAccess access;

	private final DestinationAccess destinations;

	private final PreviewFacts previewFacts;

	TokenRequestService(TokenRequestRepository requests, PolicyService policy, GitLabTokenClient gitlab,
			OpenRequestQuota quota, EligibleOwners owners, ApplicationEventPublisher events, Clock clock,
			RequestAccess access, DestinationAccess destinations, PreviewFacts previewFacts) {
		this.destinations = destinations;
		this.previewFacts = previewFacts;
		this.requests = requests;
		this.policy = policy;
		this.gitlab = gitlab;
		this.quota = quota;
		this.owners = owners;
		this.events = events;
		this.clock = clock;
		this.access = access;
	}

	/**
	 * Submits a request: checks with GitLab that the requester is a member of the target
	 * (with the service account, so the answer does not depend on what the requester may
	 * list), lets the policy decide with the requester's own level on the target, checks
	 * the target has enough Owners besides the requester to approve it, and saves the
	 * request with its decision. A denied request is not saved; the attempt is audited.
	 * @param command what was asked
	 * @param requester who asks
	 * @return the saved request, {@code APPROVED} at once for the low tier
	 * @throws OpenRequestLimitException when the requester has too many open requests
	 * @throws TargetNotAllowedException when the requester is not a member of the target,
	 * or GitLab reports their account as not active (blocked, banned, deactivated)
	 * @throws PolicyDeniedException when the policy refuses
	 * @throws NotEnoughOwnersException when the target has too few Owners to approve it
	 * @throws DestinationRefusedException when the token may not go to the CI/CD variable
	 * asked for
	 */
	@Transactional
	public TokenRequest submit(NewTokenRequest command, CurrentUser requester) {
		// first, so that a user at their limit costs no GitLab calls
		this.quota.claimPlace(requester.gitlabUserId());
		Membership membership = resolveTarget(command.targetType(), command.targetId(), requester);
		GitLabTarget target = membership.target();
		PolicyService.VersionedDecision decided = this.policy.evaluate(target.topLevelNamespace(),
				new PolicyInput(targetType(target.resource()), new HashSet<>(command.scopes()), command.accessLevel(),
						lifetimeDays(command), membership.member().accessLevel()));
		Actor actor = Actor.of(requester);
		if (!decided.decision().allowed()) {
			this.events
				.publishEvent(new SubmitRefused(actor, this.clock.instant(), target, null, decided.decision().rule(),
						decided.decision().reason(), null, null, decided.policyVersion(), false));
			throw new PolicyDeniedException(decided.decision());
		}
		requireEnoughOwners(target, requester, decided);
		VariableDestination destination = (command.delivery() != null)
				? destination(command.delivery(), target, requester, decided.policyVersion()) : null;
		TokenRequest request = TokenRequest.submit(new TokenRequest.Draft(requester.gitlabUserId(),
				requester.username(), membership.member().accessLevel(), target, command.tokenName(),
				command.description(), command.scopes(), command.accessLevel(), expiresOn(command),
				command.justification(), command.renewalOf(), destination,
				destination != null && command.delivery().autoRotate(), command.lifetimeHours()), decided.decision(),
				decided.policyVersion(), this.clock.instant());
		this.requests.save(request);
		this.events.publishEvent(new TokenRequestEvent.RequestSubmitted(RequestSnapshot.of(request), actor,
				request.getCreatedAt(), List.copyOf(command.scopes()), command.accessLevel(),
				request.getRequesterAccessLevel(), request.getPolicyRule(), request.getPolicyReason(),
				request.getPolicyVersion(), command.renewalOf(), request.getDestination(), request.isAutoRotate()));
		return request;
	}

	/**
	 * A request by id.
	 * @param id the request
	 * @return the request
	 * @throws TokenRequestNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public TokenRequest get(UUID id) {
		return this.requests.findById(id).orElseThrow(() -> new TokenRequestNotFoundException(id));
	}

	/**
	 * Requests whose tokens were issued, for the auditors' inventory, a page at a time.
	 * @param statuses which of {@code ISSUED}, {@code REVOKED}, {@code EXPIRED}
	 * @param pathPrefix the start of the target's full path, any case; empty for all
	 * @param requester a requester's username, any case; empty for all
	 * @param after where the page starts, or {@code null} for the first page
	 * @param size requests per page
	 * @return the page, newest issue first
	 */
	@Transactional(readOnly = true)
	public KeysetPage<TokenRequest> issuedForInventory(Collection<TokenRequestStatus> statuses, String pathPrefix,
			String requester, @Nullable ListCursor after, int size) {
		String pattern = pathPrefix.strip()
			.toLowerCase(Locale.ROOT)
			.replace("\\", "\\\\")
			.replace("%", "\\%")
			.replace("_", "\\_") + "%";
		ListCursor from = (after != null) ? after : ListCursor.NEWEST_FIRST;
		List<TokenRequest> rows = this.requests.findIssuedPage(statuses.stream().map(Enum::name).toList(), pattern,
				requester.strip().toLowerCase(Locale.ROOT), from.at(), from.id(), size + 1);
		return KeysetPage.of(rows, size, after == null,
				(request) -> new ListCursor(Objects.requireNonNull(request.getIssuedAt()), request.getId()));
	}

	/**
	 * Every request for a target, to tell GitLab's tokens made through the portal from
	 * the others.
	 * @param target the project or group
	 * @return the requests, in no particular order
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> requestsFor(GitLabTarget target) {
		return this.requests.findByTargetTypeAndTargetId(target.resource(), target.id());
	}

	/**
	 * A user's requests, newest first.
	 * @param requesterId the user
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> requestsOf(long requesterId) {
		return this.requests.findByRequesterIdOrderByCreatedAtDesc(requesterId);
	}

	/**
	 * A page of a user's requests, newest first, narrowed in SQL.
	 * @param requesterId the user
	 * @param query the filters and where the page starts
	 * @param size requests per page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public KeysetPage<TokenRequest> requestsOf(long requesterId, RequestListQuery query, int size) {
		ListCursor after = (query.after() != null) ? query.after() : ListCursor.NEWEST_FIRST;
		List<TokenRequest> rows = this.requests.findPageOfRequester(requesterId, query.statusNames(),
				query.targetPattern(), query.textPattern(), after.at(), after.id(), size + 1);
		return KeysetPage.of(rows, size, query.after() == null, TokenRequestService::createdCursor);
	}

	/**
	 * A page of the pending requests on some projects and groups, oldest first, narrowed
	 * in SQL: the approval queue's rows once the caller knows where the viewer may
	 * decide.
	 * @param targets the projects and groups whose requests may be shown
	 * @param viewerId the Owner looking; their own requests are left out
	 * @param undecidedOnly whether to leave out requests the viewer already decided on
	 * @param query the target and text filters and where the page starts (its states are
	 * ignored: pending only)
	 * @param size requests per page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public KeysetPage<TokenRequest> pendingOn(OwnedTargets targets, long viewerId, boolean undecidedOnly,
			RequestListQuery query, int size) {
		ListCursor after = (query.after() != null) ? query.after() : ListCursor.OLDEST_FIRST;
		List<TokenRequest> rows = this.requests.findPendingOn(ids(targets.projectIds()), ids(targets.groupIds()),
				viewerId, undecidedOnly, query.targetPattern(), query.textPattern(), after.at(), after.id(), size + 1);
		return KeysetPage.of(rows, size, query.after() == null, TokenRequestService::createdCursor);
	}

	/**
	 * The newest pending requests on some projects and groups that wait for the viewer's
	 * decision (not their own, not decided by them), for a glance at what just arrived.
	 * @param targets the projects and groups the viewer may decide on
	 * @param viewerId the Owner
	 * @param limit the most requests returned
	 * @return the requests, newest first
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> newestUndecidedOn(OwnedTargets targets, long viewerId, int limit) {
		return this.requests.findNewestUndecidedOn(ids(targets.projectIds()), ids(targets.groupIds()), viewerId, limit);
	}

	/**
	 * How many pending requests on some projects and groups wait for the viewer's
	 * decision (not their own, not decided by them), counted in SQL.
	 * @param targets the projects and groups the viewer may decide on
	 * @param viewerId the Owner
	 * @return the number
	 */
	@Transactional(readOnly = true)
	public long countUndecidedOn(OwnedTargets targets, long viewerId) {
		return this.requests.countUndecidedOn(ids(targets.projectIds()), ids(targets.groupIds()), viewerId);
	}

	/**
	 * The projects and groups where requests of someone other than the viewer wait for
	 * approval, the longest waiting first: the targets to ask GitLab about for the
	 * viewer's queue, however much they own.
	 * @param viewerId the viewer
	 * @param limit the most targets returned
	 * @return the targets
	 */
	@Transactional(readOnly = true)
	public List<PendingTarget> pendingTargets(long viewerId, int limit) {
		return this.requests.findPendingTargets(viewerId, limit)
			.stream()
			.map((row) -> new PendingTarget(GitLabResource.valueOf(row.getType()), row.getId(), row.getPath()))
			.toList();
	}

	/**
	 * A user's requests that want them now (granted, being checked, waiting, or with a
	 * token ending on or before a day), most urgent first, at most a handful.
	 * @param requesterId the user
	 * @param soon the last day a token may end on to be listed
	 * @param limit the most rows read
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> wantingAttention(long requesterId, LocalDate soon, int limit) {
		return this.requests.findWantingAttention(requesterId, soon, limit);
	}

	/**
	 * A user's tokens on a target that are in use now (issued, not past their expiry
	 * date), other than one request's; the soonest to end first.
	 * @param requesterId the user
	 * @param target the project or group
	 * @param besides the request to leave out
	 * @param limit the most rows read
	 * @return the requests that hold those tokens
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> activeTokensOf(long requesterId, GitLabTarget target, UUID besides, int limit) {
		return this.requests.findActiveTokensOn(target.resource().name(), target.id(), requesterId, besides,
				LocalDate.now(this.clock.withZone(ZoneOffset.UTC)), limit);
	}

	private static Collection<Long> ids(Collection<Long> ids) {
		// SQL has no empty IN list; no GitLab id is negative
		return ids.isEmpty() ? List.of(-1L) : ids;
	}

	private static ListCursor createdCursor(TokenRequest request) {
		return new ListCursor(request.getCreatedAt(), request.getId());
	}

	/**
	 * Requests in a state, oldest first.
	 * @param status the state
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> inStatus(TokenRequestStatus status) {
		return this.requests.findByStatusOrderByCreatedAt(status);
	}

	/**
	 * Issued tokens with a lifetime in hours whose end has come.
	 * @param now the moment
	 * @return the requests, the earliest end first
	 */
	public List<TokenRequest> lifetimeEnded(Instant now) {
		return this.requests.findByStatusAndRevokeAtLessThanEqualOrderByRevokeAt(TokenRequestStatus.ISSUED, now);
	}

	/**
	 * The requester withdraws a request that has no token yet.
	 * @param id the request
	 * @param requester who asks; only the requester may cancel
	 * @return the cancelled request
	 * @throws TokenRequestNotFoundException for anyone but the requester (the attempt is
	 * audited)
	 */
	@Transactional
	public TokenRequest cancel(UUID id, CurrentUser requester) {
		TokenRequest request = this.requests.findForUpdateById(id)
			.orElseThrow(() -> new TokenRequestNotFoundException(id));
		if (!request.isRequestedBy(requester.gitlabUserId())) {
			throw this.access.denied(requester, request, "cancel");
		}
		request.cancel(this.clock.instant());
		this.requests.save(request);
		this.events.publishEvent(new TokenRequestEvent.RequestCancelled(RequestSnapshot.of(request),
				Actor.of(requester), request.getUpdatedAt()));
		return request;
	}

	/**
	 * A request that needs more Owners than the target has could only lapse: say so now.
	 */
	private void requireEnoughOwners(GitLabTarget target, CurrentUser requester,
			PolicyService.VersionedDecision decided) {
		int required = decided.decision().requiredApprovals();
		if (required == 0) {
			return;
		}
		long eligible = this.owners.besides(target, requester.gitlabUserId());
		if (eligible >= required) {
			return;
		}
		NotEnoughOwnersException refusal = new NotEnoughOwnersException(target.fullPath(), required, eligible);
		this.events.publishEvent(
				new SubmitRefused(Actor.of(requester), this.clock.instant(), target, null, "denied.too-few-owners",
						new DefaultMessageSourceResolvable(new String[] { "requests.form.tooFewOwners" },
								new Object[] { required, target.fullPath(), eligible }),
						decided.decision().tier(), eligible, decided.policyVersion(), false));
		throw refusal;
	}

	/**
	 * The CI/CD variable a token is to go to, found in GitLab and checked now: the policy
	 * allows it, the requester and the portal may write it. Hidden only where GitLab can
	 * hide it.
	 */
	private VariableDestination destination(NewTokenRequest.Delivery delivery, GitLabTarget target,
			CurrentUser requester, long policyVersion) {
		String path = delivery.destinationPath();
		GitLabTarget owner = (path == null || path.equalsIgnoreCase(target.fullPath())) ? target
				: this.gitlab.targetAt(path)
					.orElseThrow(() -> refuseDestination(requester, target, policyVersion,
							StatusReason.of("requests.destination.unknown", path)));
		boolean hidden = delivery.maskedAndHidden() && this.destinations.hiddenVariablesSupported();
		VariableDestination destination = new VariableDestination(owner, delivery.key(), delivery.environmentScope(),
				delivery.protectedOnly(), hidden);
		this.destinations.refusal(requester.gitlabUserId(), target, destination).ifPresent((reason) -> {
			throw refuseDestination(requester, target, policyVersion, reason);
		});
		return destination;
	}

	private DestinationRefusedException refuseDestination(CurrentUser requester, GitLabTarget target,
			long policyVersion, StatusReason reason) {
		this.events.publishEvent(new SubmitRefused(Actor.of(requester), this.clock.instant(), target, null,
				"denied.destination", reason, null, null, policyVersion, false));
		return new DestinationRefusedException(reason);
	}

	private Membership resolveTarget(GitLabResource type, long id, CurrentUser requester) {
		GitLabTarget target;
		try {
			target = this.gitlab.target(type, id);
		}
		catch (GitLabNotFoundException ex) {
			// a string: MessageFormat would group the digits of a number
			throw new TargetNotAllowedException("requests.target.unknown." + type.name(), String.valueOf(id));
		}
		GitLabMember member = this.gitlab.effectiveMember(target, requester.gitlabUserId())
			.orElseThrow(() -> new TargetNotAllowedException("requests.target.notMember", target.fullPath()));
		if (member.state() != null && !GitLabAccount.ACTIVE.equals(member.state())) {
			throw new TargetNotAllowedException("requests.target.accountState", member.state().replace('_', ' '));
		}
		return new Membership(target, member);
	}

	private long lifetimeDays(NewTokenRequest command) {
		Integer hours = command.lifetimeHours();
		return (hours != null) ? HourLifetime.policyDays(hours) : lifetimeDays(command.expiresOn());
	}

	/**
	 * The date kept with the request: for an hour lifetime, GitLab's backstop as if the
	 * token were made now (Create computes it again).
	 */
	private LocalDate expiresOn(NewTokenRequest command) {
		Integer hours = command.lifetimeHours();
		return (hours != null) ? HourLifetime.gitlabExpiresOn(this.clock.instant(), hours) : command.expiresOn();
	}

	private long lifetimeDays(LocalDate expiresOn) {
		return ChronoUnit.DAYS.between(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)), expiresOn);
	}

	private static TargetType targetType(GitLabResource resource) {
		return (resource == GitLabResource.PROJECT) ? TargetType.PROJECT : TargetType.GROUP;
	}

	/**
	 * What the policy would decide for a request, saving and auditing nothing: the same
	 * target check and the same evaluation as {@link #submit}, for the form's live
	 * preview. What GitLab said about the target is remembered for a minute
	 * ({@link PreviewFacts}); a submit asks again.
	 * @param targetType project or group
	 * @param targetId the GitLab id of the target
	 * @param scopes the scopes
	 * @param accessLevel the access level
	 * @param expiresOn the expiry date
	 * @param requester who asks
	 * @return the target, the decision and the version that made it, and the Owners who
	 * could approve it
	 * @throws TargetNotAllowedException when the requester is not a member of the target
	 */
	public Preview preview(GitLabResource targetType, long targetId, java.util.Collection<String> scopes,
			int accessLevel, LocalDate expiresOn, CurrentUser requester) {
		Membership membership = this.previewFacts.membership(requester.gitlabUserId(), targetType, targetId,
				() -> resolveTarget(targetType, targetId, requester));
		GitLabTarget target = membership.target();
		PolicyService.VersionedDecision decided = this.policy.evaluate(target.topLevelNamespace(),
				new PolicyInput(targetType(target.resource()), new HashSet<>(scopes), accessLevel,
						lifetimeDays(expiresOn), membership.member().accessLevel()));
		Long eligible = (decided.decision().allowed() && decided.decision().requiredApprovals() > 0)
				? this.previewFacts.eligibleOwners(requester.gitlabUserId(), target,
						() -> this.owners.besides(target, requester.gitlabUserId()))
				: null;
		return new Preview(target, decided, eligible);
	}

	/**
	 * What {@link #preview} found.
	 *
	 * @param target the target as GitLab knows it
	 * @param decided the policy's decision and version
	 * @param eligibleOwners the Owners besides the requester who could approve it,
	 * counted only when the decision needs approvals
	 */
	public record Preview(GitLabTarget target, PolicyService.VersionedDecision decided, @Nullable Long eligibleOwners) {

	}

	/**
	 * Requests still waiting for approval that were submitted before a moment, oldest
	 * first (for lapsing).
	 * @param before the moment
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> pendingSubmittedBefore(java.time.Instant before) {
		return this.requests.findByStatusAndCreatedAtBeforeOrderByCreatedAt(TokenRequestStatus.PENDING_APPROVAL,
				before);
	}

	/**
	 * Approved requests without a token whose lapse clock started before a moment: at
	 * approval, or again after a create that failed or was reconciled (for lapsing).
	 * @param before the moment
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<TokenRequest> approvedBefore(java.time.Instant before) {
		return this.requests.findByStatusAndApprovalClockFromBefore(TokenRequestStatus.APPROVED, before);
	}

}
