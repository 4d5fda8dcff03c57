package dev.tokenportal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.issuance.DeliveredToken;
import dev.tokenportal.issuance.PortalRotation;
import dev.tokenportal.issuance.TokenActionConflictException;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal's own rotation of delivered tokens before they expire: which tokens are due,
 * one attempt at a time through {@link PortalRotation}, and what each attempt leaves
 * behind in {@code delivery_rotation} with its event, in one transaction. A failed
 * attempt is tried again later, each wait twice the last; after a few failures, when only
 * someone can fix it, or close to expiry, the requester and the Owners are told once.
 *
 * @author Token Portal team
 */
@Service
@EnableConfigurationProperties(AutoRotationProperties.class)
class AutoRotations {

	private static final Logger logger = LoggerFactory.getLogger(AutoRotations.class);

	private final TokenRequestService requests;

	private final PortalRotation rotation;

	private final DeliveryRecords records;

	private final RotationStates states;

	private final ApplicationEventPublisher events;

	private final AutoRotationProperties properties;

	private final TransactionTemplate transaction;

	private final Clock clock;

	AutoRotations(TokenRequestService requests, PortalRotation rotation, DeliveryRecords records, RotationStates states,
			ApplicationEventPublisher events, AutoRotationProperties properties,
			PlatformTransactionManager transactions, Clock clock) {
		this.requests = requests;
		this.rotation = rotation;
		this.records = records;
		this.states = states;
		this.events = events;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/**
	 * Tries every delivered token whose rotation is due and not waiting for a retry.
	 * @return the requests tried
	 */
	List<UUID> rotateDue() {
		Instant now = this.clock.instant();
		List<UUID> tried = new ArrayList<>();
		for (TokenRequest request : this.requests.inStatus(TokenRequestStatus.ISSUED)) {
			Long tokenId = request.getGitlabTokenId();
			if (tokenId == null || now.isBefore(dueAt(request)) || current(request, tokenId) == null) {
				continue;
			}
			try {
				if (attempt(request, tokenId, now)) {
					tried.add(request.getId());
				}
			}
			catch (RuntimeException ex) {
				// one request's trouble must not stop the others
				logger.error("Automatic rotation of request {} failed", request.getShortId(), ex);
			}
		}
		return tried;
	}

	/**
	 * When a token is rotated: its expiry (00:00 UTC of its expiry date) less the lead
	 * time, or less a third of its life when that is shorter.
	 * @param request the request, with its token
	 * @return the moment
	 */
	Instant dueAt(TokenRequest request) {
		Instant expiry = expiry(request);
		Instant issued = (request.getIssuedAt() != null) ? request.getIssuedAt() : request.getCreatedAt();
		Duration life = Duration.between(issued, expiry);
		Duration third = life.isNegative() ? Duration.ZERO : life.dividedBy(3);
		Duration lead = (third.compareTo(this.properties.rotateBefore()) < 0) ? third : this.properties.rotateBefore();
		return expiry.minus(lead);
	}

	private boolean attempt(TokenRequest request, long tokenId, Instant now) {
		RotationState state = this.states.find(request.getId())
			.filter((found) -> found.gitlabTokenId() == tokenId)
			.orElseGet(() -> RotationState.fresh(request.getId(), tokenId));
		if (state.waitsUntilAfter(now)) {
			return false;
		}
		UUID renewalId = state.renewalRequestId();
		if (renewalId != null) {
			// asked once per token: the Owners decide, and an approved renewal is created
			// (here again if its first create failed)
			if (this.requests.get(renewalId).getStatus() != TokenRequestStatus.APPROVED) {
				return false;
			}
			createRenewal(request, renewalId, state);
			return true;
		}
		PortalRotation.Outcome outcome;
		try {
			outcome = this.rotation.rotate(request.getId());
		}
		catch (PortalRotation.Failed ex) {
			failed(request, state, ex.failure(), ex.reason());
			return true;
		}
		catch (TokenActionConflictException ex) {
			// moved on meanwhile (revoked, rotated by hand)
			return false;
		}
		catch (RuntimeException ex) {
			logger.error("Automatic rotation of request {} failed unexpectedly", request.getShortId(), ex);
			failed(request, state, PortalRotation.Failure.NOT_ROTATED, unexpected());
			return true;
		}
		DeliveredToken delivered = outcome.delivered();
		if (delivered != null) {
			rotated(request.getId(), tokenId, null, delivered);
		}
		else if (outcome.renewalId() != null) {
			renewalRequested(request, state, outcome.renewalId(), outcome.renewalSubmitted());
		}
		return true;
	}

	/**
	 * The Owners approved a renewal of a delivered token: the portal creates it into the
	 * same variable, for the requester. A failure is tried again by the job.
	 * @param renewal the approved renewal
	 */
	void renewalApproved(UUID renewalId) {
		TokenRequest renewal = this.requests.get(renewalId);
		UUID renewedId = renewal.getRenewalOf();
		if (renewedId == null) {
			return;
		}
		TokenRequest renewed = this.requests.get(renewedId);
		Long tokenId = renewed.getGitlabTokenId();
		if (renewed.getStatus() != TokenRequestStatus.ISSUED || tokenId == null || current(renewed, tokenId) == null) {
			return;
		}
		RotationState state = this.states.find(renewedId)
			.filter((found) -> found.gitlabTokenId() == tokenId)
			.orElseGet(() -> RotationState.fresh(renewedId, tokenId));
		if (!renewal.getId().equals(state.renewalRequestId())) {
			// a renewal the requester asked for by hand goes the same way
			RotationState recorded = state.renewal(renewal.getId(), this.clock.instant());
			this.transaction.executeWithoutResult((status) -> this.states.save(recorded));
			state = recorded;
		}
		createRenewal(renewed, renewal.getId(), state);
	}

	private void createRenewal(TokenRequest renewed, UUID renewalId, RotationState state) {
		long previous = state.gitlabTokenId();
		DeliveredToken delivered;
		try {
			delivered = this.rotation.createRenewal(renewalId);
		}
		catch (PortalRotation.Failed ex) {
			failed(renewed, state, ex.failure(), ex.reason());
			return;
		}
		catch (TokenActionConflictException ex) {
			return;
		}
		catch (RuntimeException ex) {
			logger.error("Creating renewal {} for the portal failed unexpectedly", renewalId, ex);
			failed(renewed, state, PortalRotation.Failure.NOT_ROTATED, unexpected());
			return;
		}
		rotated(renewalId, previous, renewed.getId(), delivered);
	}

	private void rotated(UUID id, long previousTokenId, @Nullable UUID renewalOf, DeliveredToken delivered) {
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			TokenRequest request = this.requests.get(id);
			this.states.save(new RotationState(id, delivered.gitlabTokenId(), 0, null, null, now, null, null, null));
			var destination = delivered.variable().destination();
			LocalDate expiresOn = (delivered.expiresOn() != null) ? delivered.expiresOn() : request.tokenExpiresOn();
			this.events.publishEvent(new AutoRotationEvent.Rotated(RequestSnapshot.of(request), Actor.SYSTEM, now,
					previousTokenId, renewalOf, destination.owner(), destination.key(), destination.environmentScope(),
					expiresOn));
		});
		logger.info("Rotated the delivered token of request {} before expiry", delivered.shortId());
	}

	private void renewalRequested(TokenRequest request, RotationState state, UUID renewalId, boolean submitted) {
		Instant now = this.clock.instant();
		this.transaction.executeWithoutResult((status) -> {
			this.states.save(state.renewal(renewalId, now));
			if (submitted) {
				this.events.publishEvent(new AutoRotationEvent.RenewalRequested(
						RequestSnapshot.of(this.requests.get(request.getId())), Actor.SYSTEM, now, renewalId));
			}
		});
	}

	private void failed(TokenRequest request, RotationState state, PortalRotation.Failure failure,
			MessageSourceResolvable why) {
		Instant now = this.clock.instant();
		StatusReason reason = StatusReason.from(why);
		RotationState failedState = state.failed(failure.name(), reason, now,
				now.plus(this.properties.backoff(state.attempts() + 1)));
		boolean escalate = failedState.escalatedAt() == null
				&& (failedState.attempts() >= this.properties.rotationAttempts() || failure.needsSomeone()
						|| Duration.between(now, expiry(request)).compareTo(this.properties.escalateWithin()) < 0);
		logger.warn("Automatic rotation of request {} failed ({} of {}): {}{}", request.getShortId(),
				failedState.attempts(), this.properties.rotationAttempts(), failure,
				escalate ? "; telling the requester and the Owners" : "");
		this.transaction.executeWithoutResult((status) -> {
			RequestSnapshot snapshot = RequestSnapshot.of(this.requests.get(request.getId()));
			this.states.save(escalate ? failedState.escalated(now) : failedState);
			this.events.publishEvent(new AutoRotationEvent.AttemptFailed(snapshot, Actor.SYSTEM, now,
					failedState.attempts(), failure.name(), reason, failedState.nextAttemptAt()));
			DeliveryRecord current = current(request, state.gitlabTokenId());
			if (escalate && current != null) {
				this.events
					.publishEvent(new AutoRotationEvent.Escalated(snapshot, Actor.SYSTEM, now, failedState.attempts(),
							failure.name(), reason, current.owner(), current.key(), current.environmentScope()));
			}
		});
	}

	private @Nullable DeliveryRecord current(TokenRequest request, long tokenId) {
		List<DeliveryRecord> delivered = this.records.ofToken(request.getId(), tokenId, DeliveryRecord.State.DELIVERED);
		return delivered.isEmpty() ? null : delivered.get(delivered.size() - 1);
	}

	private static Instant expiry(TokenRequest request) {
		return request.tokenExpiresOn().atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static StatusReason unexpected() {
		return StatusReason.of("delivery.autoRotation.unexpected");
	}

}
