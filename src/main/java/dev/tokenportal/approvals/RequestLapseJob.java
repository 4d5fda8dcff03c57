package dev.tokenportal.approvals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.audit.AuditActor;
import dev.tokenportal.audit.AuditOutcome;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lapses requests that waited too long: pending ones nobody decided on, and approved ones
 * whose token was never created, so that an old approval cannot be used weeks later. One
 * instance runs it at a time (ShedLock); each request lapses in its own transaction, on
 * the locked row, with its audit event.
 *
 * @author Token Portal team
 */
@Component
@EnableConfigurationProperties(ApprovalProperties.class)
public class RequestLapseJob {

	private static final Logger logger = LoggerFactory.getLogger(RequestLapseJob.class);

	private final TokenRequestService requests;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final ApprovalProperties properties;

	private final Clock clock;

	RequestLapseJob(TokenRequestService requests, AuditTrail audit, PlatformTransactionManager transactionManager,
			ApprovalProperties properties, Clock clock) {
		this.requests = requests;
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Lapses every overdue request now.
	 * @return how many lapsed
	 */
	@Scheduled(fixedDelayString = "${portal.approvals.lapse-check-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "request-lapse", lockAtMostFor = "PT10M")
	public int lapseOverdue() {
		return lapseOverdue(this.clock.instant());
	}

	int lapseOverdue(Instant now) {
		Instant pendingSince = now.minus(this.properties.pendingLapseAfter());
		Instant approvedSince = now.minus(this.properties.approvedLapseAfter());
		int lapsed = 0;
		for (TokenRequest request : this.requests.pendingSubmittedBefore(pendingSince)) {
			lapsed += lapse(request.getId(), now, pendingSince, approvedSince) ? 1 : 0;
		}
		for (TokenRequest request : this.requests.approvedBefore(approvedSince)) {
			lapsed += lapse(request.getId(), now, pendingSince, approvedSince) ? 1 : 0;
		}
		if (lapsed > 0) {
			logger.info("Lapsed {} overdue token requests", lapsed);
		}
		return lapsed;
	}

	private boolean lapse(UUID id, Instant now, Instant pendingSince, Instant approvedSince) {
		Boolean lapsed = this.transactions.execute((status) -> {
			TokenRequest request = this.requests.lock(id);
			// an Owner or the requester may have moved it since it was listed
			String reason = overdue(request, pendingSince, approvedSince);
			if (reason == null) {
				return false;
			}
			TokenRequestStatus before = request.getStatus();
			request.lapse(reason, now);
			this.requests.save(request);
			this.audit.record(TokenRequestService
				.entry(AuditAction.REQUEST_LAPSED, AuditOutcome.SUCCESS, AuditActor.SYSTEM, request)
				.detail("previousStatus", before.name())
				.detail("reason", reason)
				.build());
			return true;
		});
		return Boolean.TRUE.equals(lapsed);
	}

	private @Nullable String overdue(TokenRequest request, Instant pendingSince, Instant approvedSince) {
		if (request.getStatus() == TokenRequestStatus.PENDING_APPROVAL
				&& request.getCreatedAt().isBefore(pendingSince)) {
			return "No Owner decided within " + describe(this.properties.pendingLapseAfter())
					+ "; submit a new request if you still need the token";
		}
		// counted from when it last became APPROVED: a create that failed or was
		// reconciled
		// gives the requester a fresh week, not whatever was left of the first
		if (request.getStatus() == TokenRequestStatus.APPROVED && request.getUpdatedAt().isBefore(approvedSince)) {
			return "The token was not created within " + describe(this.properties.approvedLapseAfter())
					+ " of the approval; submit a new request if you still need it";
		}
		return null;
	}

	private static String describe(Duration duration) {
		if (duration.toHours() % 24 == 0 && duration.toDays() > 0) {
			return (duration.toDays() == 1) ? "1 day" : duration.toDays() + " days";
		}
		return (duration.toHours() == 1) ? "1 hour" : duration.toHours() + " hours";
	}

}
