package dev.tokenportal.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabOutcomeUnknownException;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.gitlab.GitLabVariable;
import dev.tokenportal.gitlab.GitLabVariableRefusedException;
import dev.tokenportal.gitlab.GitLabVariablesClient;
import dev.tokenportal.gitlab.VariableSpec;
import dev.tokenportal.issuance.TokenActionRefusedException;
import dev.tokenportal.issuance.VariableDelivery;
import dev.tokenportal.issuance.VariableNotWrittenException;
import dev.tokenportal.issuance.WrittenVariable;
import dev.tokenportal.requests.DestinationAccess;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.TokenRequests;
import dev.tokenportal.requests.VariableDestination;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes tokens into CI/CD variables with the portal's service account. Every variable it
 * writes carries a description naming the GitLab token and the request, which is how the
 * portal recognises its own write later (GitLab never shows a hidden value again): it
 * overwrites or deletes only a variable that names the token it expects.
 *
 * @author Token Portal team
 */
@Service
class CiVariableDelivery implements VariableDelivery {

	private static final Logger logger = LoggerFactory.getLogger(CiVariableDelivery.class);

	private static final String CREATE = "CREATE";

	private static final String UPDATE = "UPDATE";

	private final GitLabVariablesClient variables;

	private final GitLabTokenClient gitlab;

	private final DestinationAccess access;

	private final TokenRequests transitions;

	private final TokenRequestService requests;

	private final DeliveryRecords records;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	CiVariableDelivery(GitLabVariablesClient variables, GitLabTokenClient gitlab, DestinationAccess access,
			TokenRequests transitions, TokenRequestService requests, DeliveryRecords records,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
		this.variables = variables;
		this.gitlab = gitlab;
		this.access = access;
		this.transitions = transitions;
		this.requests = requests;
		this.records = records;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public TokenRequest prepare(TokenRequest request, CurrentUser requester, @Nullable DestinationChoice choice) {
		VariableDestination destination = request.getDestination();
		if (destination == null && choice != null) {
			destination = resolve(request, choice);
			refuseUnlessAllowed(request, requester, destination);
			VariableDestination chosen = destination;
			return this.transaction
				.execute((status) -> this.transitions.destinationChosen(request.getId(), Actor.of(requester), chosen));
		}
		if (destination != null) {
			if (choice != null && !sameVariable(destination, choice)) {
				// the Owners approved this destination: a token never goes elsewhere, and
				// another choice is never silently dropped either
				throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.differs",
						destination.owner().fullPath(), destination.key(), destination.environmentScope()));
			}
			refuseUnlessAllowed(request, requester, destination);
		}
		return request;
	}

	/** Where a token goes: the same project or group, key and environment scope. */
	private static boolean sameVariable(VariableDestination destination, DestinationChoice choice) {
		return destination.owner().fullPath().equalsIgnoreCase(choice.path().strip())
				&& destination.key().equals(choice.key().strip())
				&& destination.environmentScope().equals(scopeOf(choice));
	}

	/** The environment scope chosen, every environment when left blank. */
	private static String scopeOf(DestinationChoice choice) {
		return choice.environmentScope().isBlank() ? VariableDestination.ALL_ENVIRONMENTS
				: choice.environmentScope().strip();
	}

	private VariableDestination resolve(TokenRequest request, DestinationChoice choice) {
		String key = choice.key().strip();
		String scope = scopeOf(choice);
		if (!key.matches(VariableDestination.KEY_PATTERN)) {
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.key"));
		}
		if (!scope.matches(VariableDestination.SCOPE_PATTERN)) {
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.scope"));
		}
		if (choice.path().isBlank()) {
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.pathMissing"));
		}
		Optional<GitLabTarget> owner;
		try {
			owner = this.gitlab.targetAt(choice.path().strip());
		}
		catch (GitLabException ex) {
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.unknown"));
		}
		if (owner.isEmpty()) {
			throw new TokenActionRefusedException(request.getId(),
					StatusReason.of("delivery.choice.notFound", choice.path().strip()));
		}
		return new VariableDestination(owner.get(), key, scope, choice.protectedOnly(), choice.maskedAndHidden());
	}

	private void refuseUnlessAllowed(TokenRequest request, CurrentUser requester, VariableDestination destination) {
		Optional<StatusReason> refusal;
		try {
			refusal = this.access.refusal(requester.gitlabUserId(), request.target(), destination);
		}
		catch (GitLabException ex) {
			// no write without GitLab's word
			throw new TokenActionRefusedException(request.getId(), StatusReason.of("delivery.choice.unknown"));
		}
		if (refusal.isPresent()) {
			throw new TokenActionRefusedException(request.getId(), refusal.get());
		}
	}

	@Override
	public WrittenVariable write(TokenRequest request, CreatedAccessToken token) {
		VariableDestination destination = request.getDestination();
		if (destination == null) {
			throw new IllegalStateException("Request " + request.getShortId() + " has no destination");
		}
		GitLabTarget owner = destination.owner();
		long tokenId = token.token().id();
		DeliveryRecord prior = prior(request, destination);
		String method = (prior != null) ? UPDATE : CREATE;
		VariableSpec spec = new VariableSpec(destination.key(), destination.environmentScope(),
				destination.protectedOnly(), destination.maskedAndHidden(), description(request, tokenId));
		UUID deliveryId = this.records.started(request.getId(), tokenId, destination, method, this.clock.instant());
		GitLabVariable written;
		try {
			if (prior != null) {
				requireOurs(request, destination, prior.gitlabTokenId());
				written = this.variables.update(owner, spec, token.value());
			}
			else {
				written = this.variables.create(owner, spec, token.value());
			}
		}
		catch (GitLabVariableRefusedException ex) {
			throw failed(deliveryId, refusal(ex, destination), ex.refusal().awaitingChange(), ex.status(),
					ex.gitlabReason());
		}
		catch (GitLabUnavailableException ex) {
			throw failed(deliveryId, StatusReason.of("delivery.notWritten.unreachable", owner.fullPath()), false,
					ex.status(), String.valueOf(ex.getMessage()));
		}
		catch (VariableNotWrittenException ex) {
			this.records.ended(deliveryId, DeliveryRecord.State.FAILED, this.clock.instant(), null);
			throw ex;
		}
		catch (RuntimeException ex) {
			// lost answer (or one that could not be read): GitLab may have written it
			written = settleLostAnswer(request, deliveryId, spec, destination, token, ex);
		}
		// GitLab before 17.4 has no hidden attribute at all
		return new WrittenVariable(deliveryId, tokenId, destination, written.masked(), written.isHidden(),
				written.hidden() != null, UPDATE.equals(method));
	}

	/**
	 * Writing the same key and value again is idempotent, and the token is known: an
	 * update settles it. If GitLab still cannot say, the variable is taken back if it
	 * holds the token, or left to {@link #settleAbandoned}.
	 */
	private GitLabVariable settleLostAnswer(TokenRequest request, UUID deliveryId, VariableSpec spec,
			VariableDestination destination, CreatedAccessToken token, RuntimeException lost) {
		GitLabTarget owner = destination.owner();
		logger.warn("Writing variable {} of {} for request {}: {}; trying an update", spec.key(), owner.fullPath(),
				request.getShortId(), lost.getClass().getSimpleName());
		try {
			return this.variables.update(owner, spec, token.value());
		}
		catch (GitLabVariableRefusedException ex) {
			// 404: the first write never arrived
			throw failed(deliveryId, StatusReason.of("delivery.notWritten.answerLost", spec.key(), owner.fullPath()),
					false, ex.status(), ex.gitlabReason());
		}
		catch (RuntimeException stillUnknown) {
			boolean clean = takeBack(request, destination, token.token().id(), deliveryId);
			String code = clean ? "delivery.notWritten.answerLost" : "delivery.notWritten.unconfirmed";
			throw new VariableNotWrittenException(StatusReason.of(code, spec.key(), owner.fullPath()), false, 0,
					String.valueOf(lost.getMessage()), !clean);
		}
	}

	private void requireOurs(TokenRequest request, VariableDestination destination, long expectedTokenId) {
		Optional<GitLabVariable> existing = this.variables.get(destination.owner(), destination.key(),
				destination.environmentScope());
		if (existing.isEmpty() || !names(existing.get(), expectedTokenId)) {
			throw new VariableNotWrittenException(StatusReason.of("delivery.notWritten.notOurs", destination.key(),
					destination.owner().fullPath(), destination.environmentScope()), true, 0,
					"variable changed outside the portal", false);
		}
	}

	/**
	 * The delivery whose variable this one replaces: the request's own current one (a
	 * rotation) or the one of the request it renews, when it is the same variable.
	 */
	private @Nullable DeliveryRecord prior(TokenRequest request, VariableDestination destination) {
		for (UUID id : new UUID[] { request.getId(), request.getRenewalOf() }) {
			if (id == null) {
				continue;
			}
			for (DeliveryRecord record : this.records.of(id, DeliveryRecord.State.DELIVERED)) {
				if (record.sameVariable(destination.owner(), destination.key(), destination.environmentScope())) {
					return record;
				}
			}
		}
		return null;
	}

	private VariableNotWrittenException failed(UUID deliveryId, StatusReason reason, boolean awaitingChange, int status,
			String gitlabReason) {
		this.records.ended(deliveryId, DeliveryRecord.State.FAILED, this.clock.instant(), null);
		return new VariableNotWrittenException(reason, awaitingChange, status, gitlabReason, false);
	}

	private static StatusReason refusal(GitLabVariableRefusedException ex, VariableDestination destination) {
		String key = destination.key();
		String path = destination.owner().fullPath();
		String scope = destination.environmentScope();
		return switch (ex.refusal()) {
			case KEY_TAKEN, AMBIGUOUS -> StatusReason.of("delivery.notWritten.keyTaken", key, path, scope);
			case VALUE_NOT_MASKABLE, VISIBILITY_LOCKED ->
				StatusReason.of("delivery.notWritten.notMaskable", key, path, ex.gitlabReason());
			case LIMIT_REACHED -> StatusReason.of("delivery.notWritten.limit", path, ex.gitlabReason());
			case FORBIDDEN -> StatusReason.of("delivery.notWritten.forbidden", path);
			case NOT_FOUND -> StatusReason.of("delivery.notWritten.notFound", path);
			case INVALID, OTHER -> StatusReason.of("delivery.notWritten.other", key, path, ex.gitlabReason());
		};
	}

	@Override
	public void recordWritten(TokenRequest request, WrittenVariable written, Actor actor) {
		Instant now = this.clock.instant();
		VariableDestination destination = written.destination();
		DeliveryRecord prior = prior(request, destination);
		if (prior != null && prior.gitlabTokenId() != written.gitlabTokenId()) {
			this.records.ended(prior.id(), DeliveryRecord.State.REPLACED, now, actor.username());
		}
		this.records.delivered(written.deliveryId(), written.hidden(), now);
		this.events.publishEvent(new DeliveryEvent.VariableWritten(RequestSnapshot.of(request), actor, now,
				written.gitlabTokenId(), destination.owner(), destination.key(), destination.environmentScope(),
				written.updated() ? UPDATE : CREATE, destination.protectedOnly(), written.masked(), written.hidden()));
	}

	@Override
	public boolean takeBack(TokenRequest request, long gitlabTokenId) {
		boolean clean = true;
		for (DeliveryRecord record : this.records.ofToken(request.getId(), gitlabTokenId,
				DeliveryRecord.State.PENDING)) {
			clean &= takeBack(request, destinationOf(record), gitlabTokenId, record.id());
		}
		return clean;
	}

	private boolean takeBack(TokenRequest request, VariableDestination destination, long gitlabTokenId,
			UUID deliveryId) {
		GitLabTarget owner = destination.owner();
		try {
			Optional<GitLabVariable> variable = this.variables.get(owner, destination.key(),
					destination.environmentScope());
			boolean removed = false;
			if (variable.isPresent() && names(variable.get(), gitlabTokenId)) {
				removed = this.variables.delete(owner, destination.key(), destination.environmentScope());
			}
			this.records.ended(deliveryId, DeliveryRecord.State.FAILED, this.clock.instant(), Actor.SYSTEM.username());
			this.events.publishEvent(
					new DeliveryEvent.VariableTakenBack(RequestSnapshot.of(request), Actor.SYSTEM, this.clock.instant(),
							gitlabTokenId, owner, destination.key(), destination.environmentScope(), removed));
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not take back variable {} of {} for token {}: {}", destination.key(), owner.fullPath(),
					gitlabTokenId, ex.getMessage());
			return false;
		}
	}

	@Override
	public int settleAbandoned(Instant startedBefore) {
		int settled = 0;
		for (DeliveryRecord record : this.records.pendingSince(startedBefore)) {
			TokenRequest request = this.requests.get(record.requestId());
			boolean recorded = request.getStatus() == TokenRequestStatus.ISSUED
					&& Long.valueOf(record.gitlabTokenId()).equals(request.getGitlabTokenId());
			if (recorded || request.getStatus() == TokenRequestStatus.ISSUING) {
				// a token still being recorded, or one reconciliation of the request
				// settles
				continue;
			}
			if (takeBack(request, destinationOf(record), record.gitlabTokenId(), record.id())) {
				settled++;
			}
		}
		return settled;
	}

	@Override
	public @Nullable WrittenVariable delivered(TokenRequest request) {
		Long tokenId = request.getGitlabTokenId();
		if (tokenId == null) {
			return null;
		}
		List<DeliveryRecord> current = this.records.ofToken(request.getId(), tokenId, DeliveryRecord.State.DELIVERED);
		if (current.isEmpty()) {
			return null;
		}
		DeliveryRecord record = current.get(current.size() - 1);
		VariableDestination destination = destinationOf(record);
		return new WrittenVariable(record.id(), tokenId, destination, true, Boolean.TRUE.equals(record.hidden()), true,
				UPDATE.equals(record.method()));
	}

	@Override
	public @Nullable VariableRemoval remove(TokenRequest request, long gitlabTokenId, boolean keep) {
		List<DeliveryRecord> current = this.records.ofToken(request.getId(), gitlabTokenId,
				DeliveryRecord.State.DELIVERED);
		if (current.isEmpty()) {
			return null;
		}
		if (keep) {
			return VariableRemoval.KEPT;
		}
		DeliveryRecord record = current.get(current.size() - 1);
		try {
			Optional<GitLabVariable> variable = this.variables.get(record.owner(), record.key(),
					record.environmentScope());
			// this request's write of this token, not just a token of the same id
			if (variable.isEmpty() || !description(request, gitlabTokenId).equals(variable.get().description())) {
				return VariableRemoval.GONE;
			}
			return this.variables.delete(record.owner(), record.key(), record.environmentScope())
					? VariableRemoval.REMOVED : VariableRemoval.GONE;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete variable {} of {} holding revoked token {}: {}", record.key(),
					record.owner().fullPath(), gitlabTokenId, ex.getMessage());
			return VariableRemoval.LEFT;
		}
	}

	@Override
	public void recordRemoval(TokenRequest request, long gitlabTokenId, VariableRemoval removal, Actor actor) {
		Instant now = this.clock.instant();
		for (DeliveryRecord record : this.records.ofToken(request.getId(), gitlabTokenId,
				DeliveryRecord.State.DELIVERED)) {
			DeliveryRecord.State state = switch (removal) {
				case REMOVED, GONE -> DeliveryRecord.State.REMOVED;
				case KEPT -> DeliveryRecord.State.KEPT;
				case LEFT -> DeliveryRecord.State.LEFT;
			};
			this.records.ended(record.id(), state, now, actor.username());
			this.events.publishEvent(new DeliveryEvent.VariableRemoved(RequestSnapshot.of(request), actor, now,
					gitlabTokenId, record.owner(), record.key(), record.environmentScope(), removal.name()));
		}
	}

	/**
	 * What GitLab shows beside the variable, and how the portal knows its own write.
	 */
	static String description(TokenRequest request, long gitlabTokenId) {
		return "Written by the Token Portal: GitLab token " + gitlabTokenId + " of request " + TokenRequest.NAME_MARKER
				+ request.getShortId() + ". Rotate or revoke it in the portal.";
	}

	private static boolean names(GitLabVariable variable, long gitlabTokenId) {
		String description = variable.description();
		return description != null && description.contains("GitLab token " + gitlabTokenId + " of request ");
	}

	private static VariableDestination destinationOf(DeliveryRecord record) {
		return new VariableDestination(record.owner(), record.key(), record.environmentScope(), record.protectedOnly(),
				Boolean.TRUE.equals(record.hidden()));
	}

}
