package dev.tokenportal.notifications;

import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends e-mail through Spring Boot's mail support: an HTML and a plain-text part from the
 * Thymeleaf templates under {@code templates/mail/}, and {@code List-Unsubscribe}
 * pointing at the preferences page. Off, without failing, when no mail server is set
 * ({@code SPRING_MAIL_HOST}).
 *
 * @author Token Portal team
 */
@Component
class MailDelivery {

	private static final Logger logger = LoggerFactory.getLogger(MailDelivery.class);

	private final @Nullable JavaMailSender sender;

	private final TemplateEngine templates;

	private final MailSettings settings;

	private final PortalLinks links;

	MailDelivery(ObjectProvider<JavaMailSender> sender, MailTemplates templates, MailSettings settings,
			PortalLinks links) {
		this.sender = sender.getIfAvailable();
		this.templates = templates.engine();
		this.settings = settings;
		this.links = links;
		if (this.sender == null) {
			logger.info("E-mail notifications are off: no mail server is set (SPRING_MAIL_HOST)");
		}
	}

	/**
	 * Whether e-mail can be sent at all.
	 * @return {@code true} with a mail server
	 */
	boolean enabled() {
		return this.sender != null;
	}

	/**
	 * Sends one message about a request.
	 * @param to the address
	 * @param texts its words
	 */
	void send(String to, MessageTexts.Texts texts) {
		Map<String, Object> model = Map.of("texts", texts, "preferencesUrl", this.links.preferences());
		send(to, texts.subject(), "mail/notification", model);
	}

	/**
	 * Sends someone their daily digest.
	 * @param to the address
	 * @param subject the subject
	 * @param requests the requests waiting for them
	 */
	void sendDigest(String to, String subject, List<DigestLine> requests) {
		Map<String, Object> model = Map.of("requests", requests, "approvalsUrl", this.links.approvals(),
				"preferencesUrl", this.links.preferences());
		send(to, subject, "mail/digest", model);
	}

	private void send(String to, String subject, String template, Map<String, Object> model) {
		JavaMailSender mail = this.sender;
		if (mail == null) {
			throw new IllegalStateException("No mail server is set");
		}
		Context context = new Context(java.util.Locale.ENGLISH, model);
		String text = this.templates.process(template + ".txt", context);
		String html = this.templates.process(template + ".html", context);
		MimeMessage message = mail.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.settings.from());
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text, html);
			message.setHeader("List-Unsubscribe", "<" + this.links.preferences() + ">");
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not prepare the message", ex);
		}
		mail.send(message);
	}

	/**
	 * One request in a digest.
	 *
	 * @param shortId its short id
	 * @param summary what it asks
	 * @param link its page
	 */
	record DigestLine(String shortId, String summary, String link) {

	}

}
