package dev.tokenportal.notifications;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

/**
 * What the portal sent, as the mail server and the chat webhook received it, one request
 * at a time (its short id is in every subject and chat line), so that messages of other
 * tests in flight do not count.
 *
 * @author Token Portal team
 */
public final class Inbox {

	private Inbox() {
	}

	/**
	 * One received e-mail, decoded.
	 *
	 * @param to the recipients
	 * @param subject the subject
	 * @param text the plain-text part
	 * @param html the HTML part
	 * @param listUnsubscribe the {@code List-Unsubscribe} header
	 * @param from the sender
	 */
	public record Mail(List<String> to, String subject, String text, String html, String listUnsubscribe, String from) {

		public String all() {
			return this.subject + "\n" + this.text + "\n" + this.html;
		}

	}

	public static List<Mail> mailsAbout(String shortId) {
		GreenMail server = NotificationTestConfiguration.mailServer();
		List<Mail> mails = new ArrayList<>();
		for (MimeMessage message : server.getReceivedMessages()) {
			Mail mail = decode(message);
			if (mail.subject().contains(shortId)) {
				mails.add(mail);
			}
		}
		return mails;
	}

	public static List<Mail> awaitMails(String shortId, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout(shortId).size() >= count);
		return mailsAbout(shortId);
	}

	public static List<String> recipientsAbout(String shortId) {
		return mailsAbout(shortId).stream().flatMap((mail) -> mail.to().stream()).sorted().toList();
	}

	public static List<String> chatAbout(String shortId) {
		return NotificationTestConfiguration.chatServer()
			.findAll(postRequestedFor(urlPathMatching("/hooks/.*")))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.filter((body) -> body.contains(shortId))
			.toList();
	}

	public static List<String> awaitChat(String shortId, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> chatAbout(shortId).size() >= count);
		return chatAbout(shortId);
	}

	private static Mail decode(MimeMessage message) {
		try {
			List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.map(Address::toString)
				.toList();
			StringBuilder text = new StringBuilder();
			StringBuilder html = new StringBuilder();
			collect(message, text, html);
			String[] unsubscribe = message.getHeader("List-Unsubscribe");
			return new Mail(to, message.getSubject(), text.toString(), html.toString(),
					(unsubscribe != null) ? unsubscribe[0] : "", message.getFrom()[0].toString());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collect(Part part, StringBuilder text, StringBuilder html)
			throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			text.append(part.getContent());
		}
		else if (part.isMimeType("text/html")) {
			html.append(part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				collect(body, text, html);
			}
		}
	}

}
