package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "lapses soon" reminders: which pending and approved requests have come within reach
 * of their lapse, and the reminder itself, {@link TokenRequestEvent.RequestLapsing},
 * published at most once per request and state. The row that says it was sent is written
 * in the publishing transaction, so the two commit together or not at all.
 *
 * @author Token Portal team
 */
@Component
class LapseReminders {

	// the approved-lapse clock as LapseRule reads it
	private static final String APPROVAL_CLOCK = "coalesce(r.approval_clock_from, r.approved_at, r.updated_at)";

	private final JdbcClient jdbc;

	private final TokenRequestRepository requests;

	private final LapseRule rule;

	private final ApplicationEventPublisher events;

	LapseReminders(JdbcClient jdbc, TokenRequestRepository requests, LapseRule rule, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.requests = requests;
		this.rule = rule;
		this.events = events;
	}

	/**
	 * The requests that lapse within {@code before} of now, not yet overdue, and not yet
	 * reminded of in their current state, oldest first.
	 * @param now the moment of the check
	 * @param before how long before the lapse the reminder goes out
	 * @return the requests' ids
	 */
	@Transactional(readOnly = true)
	public List<UUID> due(Instant now, Duration before) {
		Instant pendingLapsed = now.minus(this.rule.pendingLapseAfter());
		Instant approvedLapsed = now.minus(this.rule.approvedLapseAfter());
		return this.jdbc
			.sql("""
					select r.id from token_request r
					where ((r.status = 'PENDING_APPROVAL' and r.created_at >= :pendingLapsed and r.created_at <= :pendingDue)
					    or (r.status = 'APPROVED' and %1$s >= :approvedLapsed and %1$s <= :approvedDue))
					  and not exists (select 1 from request_lapse_reminder m
					                  where m.request_id = r.id and m.status = r.status)
					order by r.created_at"""
				.formatted(APPROVAL_CLOCK))
			.param("pendingLapsed", timestamp(pendingLapsed))
			.param("pendingDue", timestamp(pendingLapsed.plus(before)))
			.param("approvedLapsed", timestamp(approvedLapsed))
			.param("approvedDue", timestamp(approvedLapsed.plus(before)))
			.query(UUID.class)
			.list();
	}

	/**
	 * Reminds of one request on its locked row, if it still lapses within reach in a
	 * state not reminded of yet.
	 * @param id the request
	 * @param now the moment of the reminder
	 * @param before how long before the lapse the reminder goes out
	 * @return whether the reminder was published
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean remind(UUID id, Instant now, Duration before) {
		Optional<TokenRequest> found = this.requests.findForUpdateById(id);
		if (found.isEmpty()) {
			return false;
		}
		TokenRequest request = found.get();
		// someone may have decided, created or cancelled since it was listed
		Instant lapsesAt = this.rule.lapsesAt(request);
		if (!withinReach(lapsesAt, now, before) || !recordOnce(request, lapsesAt, now)) {
			return false;
		}
		this.events.publishEvent(new TokenRequestEvent.RequestLapsing(TokenRequestEvent.RequestSnapshot.of(request),
				TokenRequestEvent.Actor.SYSTEM, now, lapsesAt));
		return true;
	}

	private static boolean withinReach(@Nullable Instant lapsesAt, Instant now, Duration before) {
		return lapsesAt != null && !lapsesAt.isBefore(now) && !now.isBefore(lapsesAt.minus(before));
	}

	private boolean recordOnce(TokenRequest request, Instant lapsesAt, Instant now) {
		int inserted = this.jdbc.sql("""
				insert into request_lapse_reminder (request_id, status, lapses_at, reminded_at)
				values (:id, :status, :lapsesAt, :now)
				on conflict do nothing""")
			.param("id", request.getId())
			.param("status", request.getStatus().name())
			.param("lapsesAt", timestamp(lapsesAt))
			.param("now", timestamp(now))
			.update();
		return inserted == 1;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
