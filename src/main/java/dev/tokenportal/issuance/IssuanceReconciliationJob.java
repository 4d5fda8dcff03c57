package dev.tokenportal.issuance;

import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles, every minute, the creates whose outcome is unknown or that were abandoned
 * half-way ({@code ISSUING} for longer than {@code portal.issuance.stuck-after}). One
 * instance runs it at a time.
 *
 * @author Token Portal team
 */
@Component
public class IssuanceReconciliationJob {

	private static final Logger logger = LoggerFactory.getLogger(IssuanceReconciliationJob.class);

	private final ReconciliationService reconciliation;

	IssuanceReconciliationJob(ReconciliationService reconciliation) {
		this.reconciliation = reconciliation;
	}

	/**
	 * Runs one reconciliation pass.
	 * @return the requests settled by this pass
	 */
	@Scheduled(fixedDelayString = "${portal.issuance.reconcile-every:PT1M}", initialDelayString = "PT30S")
	@SchedulerLock(name = "issuance-reconciliation", lockAtMostFor = "PT10M")
	public List<UUID> reconcile() {
		List<UUID> settled = this.reconciliation.reconcileAll();
		if (!settled.isEmpty()) {
			logger.info("Reconciliation settled {} request(s)", settled.size());
		}
		return settled;
	}

}
