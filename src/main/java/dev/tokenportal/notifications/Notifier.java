package dev.tokenportal.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.delivery.AutoRotationEvent;
import dev.tokenportal.requests.TokenRequestEvent;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;

/**
 * Tells people about one event (a request's, or GitLab's warning about a token made
 * outside the portal): records every message meant for it, sends those not sent yet, and
 * marks each sent as it goes. If any could not be sent it throws, so the event
 * publication stays incomplete and is resubmitted; the next run sends only what is
 * missing.
 *
 * @author Token Portal team
 */
@Service
class Notifier {

	private static final Logger logger = LoggerFactory.getLogger(Notifier.class);

	private final Audience audience;

	private final NotificationLog log;

	private final MessageTexts texts;

	private final MailDelivery mail;

	private final ChatDelivery chat;

	private final ChatChannels channels;

	private final NotificationMetrics metrics;

	Notifier(Audience audience, NotificationLog log, MessageTexts texts, MailDelivery mail, ChatDelivery chat,
			ChatChannels channels, NotificationMetrics metrics) {
		this.audience = audience;
		this.log = log;
		this.texts = texts;
		this.mail = mail;
		this.chat = chat;
		this.channels = channels;
		this.metrics = metrics;
	}

	/**
	 * Sends what an event means to whom, each message at most once.
	 * @param event the event
	 * @throws NotificationFailedException when a message could not be sent
	 */
	void notify(TokenRequestEvent event) {
		// with neither mail nor chat nobody can be told: no GitLab calls for nothing
		if (!reachesAnyone()) {
			return;
		}
		send(eventKey(event), event.request().id(), "request " + event.request().shortId(),
				this.audience.of(event, this.mail.enabled()), (kind) -> this.texts.of(kind, event));
	}

	/**
	 * Tells a target's Owners and its chat channel that GitLab warned of a token made
	 * outside the portal, each at most once however often GitLab says it.
	 * @param event the event
	 * @throws NotificationFailedException when a message could not be sent
	 */
	void notify(ForeignTokenExpiring event) {
		if (!reachesAnyone()) {
			return;
		}
		send(eventKey(event), null, "GitLab token " + event.gitlabTokenId() + " on " + event.target().fullPath(),
				this.audience.of(event, this.mail.enabled()), (kind) -> this.texts.of(kind, event));
	}

	/**
	 * Tells the requester of the portal's own rotation of their delivered token, or the
	 * requester and the Owners that it keeps failing.
	 * @param event the event
	 * @throws NotificationFailedException when a message could not be sent
	 */
	void notify(AutoRotationEvent event) {
		if (!reachesAnyone()) {
			return;
		}
		send(event.getClass().getSimpleName() + ":" + event.request().id() + ":" + event.at().toEpochMilli(),
				event.request().id(), "request " + event.request().shortId(),
				this.audience.of(event, this.mail.enabled()), (kind) -> this.texts.of(kind, event));
	}

	private boolean reachesAnyone() {
		return this.mail.enabled() || this.channels.any();
	}

	private void send(String key, @Nullable UUID requestId, String about, List<Outgoing> messages,
			Function<NotificationKind, MessageTexts.Texts> words) {
		if (messages.isEmpty()) {
			return;
		}
		this.log.record(key, requestId, messages);
		List<String> failed = new ArrayList<>();
		for (Outgoing message : messages) {
			if (!message.sendNow()) {
				continue;
			}
			try {
				if (this.log.sendOnce(key, message, () -> deliver(message, words.apply(message.kind())))) {
					logger.info("Sent {} about {} to {}", message.kind(), about, message.recipient());
					this.metrics.sent(message.channel(), message.kind().name());
				}
			}
			catch (NotificationLog.NotSent ex) {
				// expected while a mail server or chat is down, and tried again: one
				// line,
				// no stack trace (NotificationAsyncConfiguration keeps the rethrow quiet)
				logger.warn("Could not send {} about {} to {} by {} (notification {}), will try again: {}",
						message.kind(), about, message.recipient(), message.channel(), ex.notificationId(),
						reason(ex.getCause()));
				failed.add(message.recipient() + " (" + message.channel() + ")");
				this.metrics.failed(message.channel(), message.kind().name());
			}
			catch (RuntimeException ex) {
				logger.warn("Could not send {} about {} to {} by {}, will try again: {}", message.kind(), about,
						message.recipient(), message.channel(), reason(ex));
				failed.add(message.recipient() + " (" + message.channel() + ")");
				this.metrics.failed(message.channel(), message.kind().name());
			}
		}
		if (!failed.isEmpty()) {
			throw new NotificationFailedException("Not sent yet about " + about + ": " + String.join(", ", failed));
		}
	}

	/** The innermost cause says most (refused connection, unknown host, 5xx…). */
	private static String reason(@Nullable Throwable ex) {
		Throwable cause = (ex != null) ? NestedExceptionUtils.getMostSpecificCause(ex) : null;
		return (cause != null) ? cause.toString() : "unknown";
	}

	private void deliver(Outgoing message, MessageTexts.Texts words) {
		String address = message.address();
		if (address == null) {
			return;
		}
		if (message.channel() == Channel.CHAT) {
			this.chat.post(address, words.chat());
		}
		else {
			this.mail.send(address, words);
		}
	}

	/**
	 * The same for every run of one event: its type, its request and its time.
	 * @param event the event
	 * @return the key
	 */
	static String eventKey(TokenRequestEvent event) {
		return event.getClass().getSimpleName() + ":" + event.request().id() + ":" + event.at().toEpochMilli();
	}

	/**
	 * The same for every report of one of GitLab's warnings about a token, whichever hook
	 * or redelivery brought it: its target, its GitLab id, its expiry date and which
	 * warning (60, 30, 7 days…), not when it arrived; so each warning is told once.
	 * @param event the event
	 * @return the key
	 */
	static String eventKey(ForeignTokenExpiring event) {
		return "ForeignTokenExpiring:" + event.target().resource() + ":" + event.target().id() + ":"
				+ event.gitlabTokenId() + ":" + event.expiresAt() + ":" + event.warningDays() + "d";
	}

}
