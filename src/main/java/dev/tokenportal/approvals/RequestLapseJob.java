package dev.tokenportal.approvals;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.requests.TokenRequests;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lapses requests that waited too long: pending ones nobody decided on, and approved ones
 * whose token was never created, so that an old approval cannot be used weeks later. One
 * instance runs it at a time (ShedLock); each request lapses in its own transaction, on
 * the locked row, with its audit event, by the same rule approve, reject and create apply
 * when they find a request overdue before the job did.
 *
 * @author Token Portal team
 */
@Component
@EnableConfigurationProperties(ApprovalProperties.class)
public class RequestLapseJob {

	private static final Logger logger = LoggerFactory.getLogger(RequestLapseJob.class);

	private final TokenRequestService requests;

	private final TokenRequests transitions;

	private final TransactionTemplate transactions;

	private final ApprovalProperties properties;

	private final Clock clock;

	RequestLapseJob(TokenRequestService requests, TokenRequests transitions,
			PlatformTransactionManager transactionManager, ApprovalProperties properties, Clock clock) {
		this.requests = requests;
		this.transitions = transitions;
		this.transactions = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Lapses every overdue request now. Returns nothing: ShedLock cannot lock a method
	 * whose primitive result it would have to make up when another instance holds the
	 * lock.
	 */
	@Scheduled(fixedDelayString = "${portal.approvals.lapse-check-interval:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "request-lapse", lockAtMostFor = "PT10M")
	public void lapseOverdue() {
		lapseOverdue(this.clock.instant());
	}

	int lapseOverdue(Instant now) {
		Instant pendingSince = now.minus(this.properties.pendingLapseAfter());
		Instant approvedSince = now.minus(this.properties.approvedLapseAfter());
		int lapsed = 0;
		for (TokenRequest request : this.requests.pendingSubmittedBefore(pendingSince)) {
			lapsed += lapse(request.getId(), now) ? 1 : 0;
		}
		for (TokenRequest request : this.requests.approvedBefore(approvedSince)) {
			lapsed += lapse(request.getId(), now) ? 1 : 0;
		}
		if (lapsed > 0) {
			logger.info("Lapsed {} overdue token requests", lapsed);
		}
		return lapsed;
	}

	private boolean lapse(UUID id, Instant now) {
		// an Owner or the requester may have moved it since it was listed: the rule is
		// applied again on the locked row
		Boolean lapsed = this.transactions.execute((status) -> this.transitions.lapseIfOverdue(id, now, null) != null);
		return Boolean.TRUE.equals(lapsed);
	}

}
