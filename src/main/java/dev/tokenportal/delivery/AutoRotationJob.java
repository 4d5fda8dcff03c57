package dev.tokenportal.delivery;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import dev.tokenportal.requests.TokenRequestEvent.RequestApproved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * When the portal rotates delivered tokens: every few minutes (one instance at a time),
 * and as soon as the Owners approve a renewal of one, after that approval committed.
 *
 * @author Token Portal team
 */
@Component
public class AutoRotationJob {

	private static final Logger logger = LoggerFactory.getLogger(AutoRotationJob.class);

	private final AutoRotations rotations;

	AutoRotationJob(AutoRotations rotations) {
		this.rotations = rotations;
	}

	/**
	 * Rotates the delivered tokens that are due, or asks their Owners.
	 * @return the requests tried
	 */
	@Scheduled(fixedDelayString = "${portal.delivery.rotation-check:PT15M}", initialDelayString = "PT2M")
	@SchedulerLock(name = "delivery-rotation", lockAtMostFor = "PT30M")
	public List<UUID> rotateDue() {
		return this.rotations.rotateDue();
	}

	// GitLab is called here, so no transaction around it; a failure is left to the job
	@ApplicationModuleListener(id = "delivery.renewal-approved", propagation = Propagation.NOT_SUPPORTED)
	void on(RequestApproved event) {
		try {
			this.rotations.renewalApproved(event.request().id());
		}
		catch (RuntimeException ex) {
			logger.error("Could not create approved renewal {} for the portal; the rotation job tries again",
					event.request().shortId(), ex);
		}
	}

}
