package dev.tokenportal.notifications;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.requests.TokenRequestEvent;
import org.springframework.stereotype.Service;

/**
 * Tells people about one event: records every message meant for it, sends those not sent
 * yet, and marks each sent as it goes. If any could not be sent it throws, so the event
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

	Notifier(Audience audience, NotificationLog log, MessageTexts texts, MailDelivery mail, ChatDelivery chat,
			ChatChannels channels) {
		this.audience = audience;
		this.log = log;
		this.texts = texts;
		this.mail = mail;
		this.chat = chat;
		this.channels = channels;
	}

	/**
	 * Sends what an event means to whom, each message at most once.
	 * @param event the event
	 * @throws NotificationFailedException when a message could not be sent
	 */
	void notify(TokenRequestEvent event) {
		// with neither mail nor chat nobody can be told: no GitLab calls for nothing
		if (!this.mail.enabled() && !this.channels.any()) {
			return;
		}
		List<Outgoing> messages = this.audience.of(event, this.mail.enabled());
		if (messages.isEmpty()) {
			return;
		}
		String key = eventKey(event);
		this.log.record(key, event.request().id(), messages);
		List<String> failed = new ArrayList<>();
		for (Outgoing message : messages) {
			if (!message.sendNow()) {
				continue;
			}
			try {
				if (this.log.sendOnce(key, message, () -> deliver(message, event))) {
					logger.info("Sent {} about request {} to {}", message.kind(), event.request().shortId(),
							message.recipient());
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Could not send {} about request {} to {}: {}", message.kind(), event.request().shortId(),
						message.recipient(), ex.toString());
				failed.add(message.recipient() + " (" + message.channel() + ")");
			}
		}
		if (!failed.isEmpty()) {
			throw new NotificationFailedException(
					"Not sent yet about request " + event.request().shortId() + ": " + String.join(", ", failed));
		}
	}

	private void deliver(Outgoing message, TokenRequestEvent event) {
		MessageTexts.Texts words = this.texts.of(message.kind(), event);
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

}
