package dev.tokenportal.notifications;

import java.time.Clock;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits the events whose listeners have not completed (a mail server or chat was
 * down, or an instance stopped half-way), each once it has waited long enough: first
 * {@code portal.notifications.retry-after}, then twice as long after every attempt, up to
 * {@code portal.notifications.max-retry-interval}. One instance runs it at a time;
 * start-up resubmits everything outstanding as well
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 *
 * @author Token Portal team
 */
@Component
public class NotificationRetryJob {

	private final IncompleteEventPublications publications;

	private final NotificationProperties properties;

	private final Clock clock;

	NotificationRetryJob(IncompleteEventPublications publications, NotificationProperties properties, Clock clock) {
		this.publications = publications;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Resubmits the incomplete publications that are due. Returns nothing, as ShedLock
	 * wants of the jobs it locks.
	 */
	@Scheduled(fixedDelayString = "${portal.notifications.retry-every:PT1M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "notification-retry", lockAtMostFor = "PT10M")
	public void resubmit() {
		Instant now = this.clock.instant();
		this.publications.resubmitIncompletePublications((publication) -> due(publication, now));
	}

	private boolean due(EventPublication publication, Instant now) {
		Instant last = publication.getLastResubmissionDate();
		if (last == null) {
			last = publication.getPublicationDate();
		}
		return !last.plus(this.properties.backoff(Math.max(1, publication.getCompletionAttempts()))).isAfter(now);
	}

}
