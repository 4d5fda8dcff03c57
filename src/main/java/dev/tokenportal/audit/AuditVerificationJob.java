package dev.tokenportal.audit;

import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Verifies the new part of the chain every so often, from the newest genuine checkpoint
 * (one whose MAC verifies under the audit key), and records the result as an event. A
 * broken chain, or checkpoints passed over as not genuine, are logged as errors for
 * alerting.
 *
 * @author Token Portal team
 */
@Component
public class AuditVerificationJob {

	private static final Logger logger = LoggerFactory.getLogger(AuditVerificationJob.class);

	private final AuditVerifier verifier;

	private final AuditCheckpoints checkpoints;

	private final AuditTrail trail;

	private final Clock clock;

	AuditVerificationJob(AuditVerifier verifier, AuditCheckpoints checkpoints, AuditTrail trail, Clock clock) {
		this.verifier = verifier;
		this.checkpoints = checkpoints;
		this.trail = trail;
		this.clock = clock;
	}

	/**
	 * Verifies from the newest checkpoint to the head.
	 * @return the result
	 */
	@Scheduled(fixedDelayString = "${portal.audit.verify-every:PT15M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "audit-verification")
	public VerificationResult verifyIncrementally() {
		VerificationResult result = AuditLogService.verifyAndRecord(false, AuditActor.SYSTEM, this.verifier,
				this.checkpoints, this.trail, this.clock);
		if (result.intact()) {
			logger.info("Audit chain {} ({} new events checked)", result.summary(), result.eventsChecked());
		}
		else {
			logger.error("AUDIT CHAIN BROKEN: {}", result.summary());
		}
		return result;
	}

}
