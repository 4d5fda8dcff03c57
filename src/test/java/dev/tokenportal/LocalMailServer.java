package dev.tokenportal;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gitlabsandbox.SandboxInbox;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP server of {@code spring-boot:test-run}: GreenMail on 127.0.0.1, keeping every
 * e-mail the portal sends, which the sandbox's inbox page shows through {@link #mails()}.
 *
 * @author Token Portal team
 */
final class LocalMailServer implements AutoCloseable {

	/**
	 * The host the portal sends to; an IP, so that no IPv6 {@code localhost} misses it.
	 */
	static final String HOST = "127.0.0.1";

	private final GreenMail greenMail;

	private LocalMailServer(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/**
	 * Start the server.
	 * @param port the port, 0 for a free one
	 * @return the running server
	 */
	static LocalMailServer start(int port) {
		ServerSetup smtp = new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP);
		GreenMail greenMail = new GreenMail((port != 0) ? smtp : smtp.dynamicPort());
		try {
			greenMail.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Cannot start the local mail server on port " + port
					+ " (in use? -Dgitlab.sandbox.smtp-port picks another)", ex);
		}
		return new LocalMailServer(greenMail);
	}

	int port() {
		return this.greenMail.getSmtp().getPort();
	}

	/**
	 * Every e-mail received since start, decoded for the inbox page.
	 * @return the e-mails in arrival order
	 */
	List<SandboxInbox.Mail> mails() {
		return Arrays.stream(this.greenMail.getReceivedMessages()).map(LocalMailServer::decode).toList();
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

	private static SandboxInbox.Mail decode(MimeMessage message) {
		try {
			StringBuilder text = new StringBuilder();
			collectText(message, text);
			return new SandboxInbox.Mail(addresses(message.getRecipients(Message.RecipientType.TO)),
					String.join(", ", addresses(message.getFrom())), String.valueOf(message.getSubject()),
					sentAt(message), text.toString());
		}
		catch (MessagingException | IOException ex) {
			// one unreadable e-mail must not hide the others
			return new SandboxInbox.Mail(List.of(), "", "(unreadable e-mail: " + ex.getMessage() + ")", Instant.EPOCH,
					"");
		}
	}

	private static List<String> addresses(Address @Nullable [] addresses) {
		return (addresses != null) ? Arrays.stream(addresses).map(Address::toString).toList() : List.of();
	}

	private static Instant sentAt(MimeMessage message) throws MessagingException {
		Date sent = message.getSentDate();
		Date received = message.getReceivedDate();
		Date date = (sent != null) ? sent : received;
		return (date != null) ? date.toInstant() : Instant.EPOCH;
	}

	private static void collectText(Part part, StringBuilder text) throws MessagingException, IOException {
		if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return;
		}
		if (part.isMimeType("text/plain")) {
			text.append(part.getContent());
		}
		else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collectText(multipart.getBodyPart(i), text);
			}
		}
	}

}
