package dev.tokenportal.notifications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.notifications.NotificationLog.DigestEntry;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Once a day, mails each Owner who chose a digest the requests still waiting for them
 * (those noted since their last digest), in one message. One instance runs it at a time.
 *
 * @author Token Portal team
 */
@Component
public class DigestJob {

	private static final Logger logger = LoggerFactory.getLogger(DigestJob.class);

	private final NotificationLog log;

	private final TokenRequestService requests;

	private final MailDelivery mail;

	private final MessageTexts texts;

	private final PortalLinks links;

	private final NotificationMetrics metrics;

	DigestJob(NotificationLog log, TokenRequestService requests, MailDelivery mail, MessageTexts texts,
			PortalLinks links, NotificationMetrics metrics) {
		this.log = log;
		this.requests = requests;
		this.mail = mail;
		this.texts = texts;
		this.links = links;
		this.metrics = metrics;
	}

	/**
	 * Sends today's digests. Returns nothing, as ShedLock wants of the jobs it locks.
	 */
	@Scheduled(cron = "${portal.notifications.digest-cron:0 0 7 * * *}", zone = "UTC")
	@SchedulerLock(name = "notification-digest", lockAtMostFor = "PT30M")
	public void sendDigests() {
		if (!this.mail.enabled()) {
			return;
		}
		Map<String, List<DigestEntry>> byRecipient = new LinkedHashMap<>();
		for (DigestEntry entry : this.log.unsentDigestEntries()) {
			byRecipient.computeIfAbsent(entry.recipient(), (key) -> new ArrayList<>()).add(entry);
		}
		byRecipient.forEach(this::send);
	}

	private void send(String recipient, List<DigestEntry> entries) {
		List<MailDelivery.DigestLine> lines = new ArrayList<>();
		for (DigestEntry entry : entries) {
			try {
				TokenRequest request = this.requests.get(entry.requestId());
				if (request.getStatus() == TokenRequestStatus.PENDING_APPROVAL) {
					lines.add(new MailDelivery.DigestLine(request.getShortId(),
							this.texts.text("notifications.digest.line", request.getRequesterUsername(),
									request.getTokenName(), request.getTargetPath()),
							this.links.request(entry.requestId())));
				}
			}
			catch (TokenRequestNotFoundException gone) {
				// nothing waits any more
			}
		}
		List<Long> ids = entries.stream().map(DigestEntry::id).toList();
		if (lines.isEmpty()) {
			this.log.markSent(ids);
			return;
		}
		try {
			this.mail.sendDigest(entries.get(0).address(),
					this.texts.text("notifications.digest.subject", lines.size()), lines);
			this.log.markSent(ids);
			this.metrics.sent(Channel.DIGEST, "digest");
		}
		catch (RuntimeException ex) {
			// kept for the next run
			logger.warn("Could not send the digest to {}: {}", recipient, ex.toString());
			this.metrics.failed(Channel.DIGEST, "digest");
		}
	}

}
