package dev.tokenportal.notifications;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.tokenportal.delivery.AutoRotationEvent;
import dev.tokenportal.gitlab.GitLabProperties;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.OwnerComment;
import dev.tokenportal.requests.TokenRequestEvent.RequestApproved;
import dev.tokenportal.requests.TokenRequestEvent.RequestLapsing;
import dev.tokenportal.requests.TokenRequestEvent.RequestRejected;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueRefused;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueUnknown;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The words of a message, from {@code messages/notifications.properties}: codes with the
 * request's facts as arguments. Only ids, names, dates and reasons go in; events carry no
 * secret, and nothing here adds one.
 *
 * @author Token Portal team
 */
@Component
class MessageTexts {

	private static final Locale LOCALE = Locale.ENGLISH;

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final MessageSource messages;

	private final PortalLinks links;

	private final GitLabProperties gitlab;

	MessageTexts(MessageSource messages, PortalLinks links, GitLabProperties gitlab) {
		this.messages = messages;
		this.links = links;
		this.gitlab = gitlab;
	}

	/**
	 * The texts for one kind of message about one event.
	 * @param kind what it is about
	 * @param event the event
	 * @return subject, body, action and link
	 */
	Texts of(NotificationKind kind, TokenRequestEvent event) {
		RequestSnapshot request = event.request();
		String link = this.links.request(request.id());
		Object[] args = { request.shortId(), request.target().fullPath(), request.tokenName(),
				request.requesterUsername(), detail(event), request.expiresOn().toString(), link };
		Texts texts = texts(kind, args, link);
		return (event instanceof RequestApproved approved) ? withComments(texts, approved.comments()) : texts;
	}

	// the Owners' own words after the news, in the mail; the chat line stays one line
	private Texts withComments(Texts texts, List<OwnerComment> comments) {
		if (comments.isEmpty()) {
			return texts;
		}
		String said = comments.stream()
			.map((comment) -> text("notifications.ownerComment", comment.approver(), comment.comment()))
			.collect(Collectors.joining(" "));
		return new Texts(texts.subject(), texts.body() + " " + said, texts.action(), texts.link(), texts.chat());
	}

	/**
	 * The texts of GitLab's warning about a token made outside the portal. Its action
	 * links to the target's access tokens in GitLab, the page its Owners can open (the
	 * portal's inventory, also linked, is for auditors).
	 * @param kind what it is about
	 * @param event the event
	 * @return subject, body, action and link
	 */
	Texts of(NotificationKind kind, ForeignTokenExpiring event) {
		String link = gitLabTokensPage(event.target());
		String resource = text("notifications.resource." + event.target().resource().name());
		Object[] args = { resource, event.tokenName(), String.valueOf(event.gitlabTokenId()), event.target().fullPath(),
				event.expiresAt().toString(), link, this.links.inventory(event.target().fullPath()) };
		return texts(kind, args, link);
	}

	/**
	 * The texts about the portal's own rotation of a delivered token: where it is (never
	 * its value or fingerprint), its expiry, and why a rotation failed.
	 * @param kind what it is about
	 * @param event the event
	 * @return subject, body, action and link
	 */
	Texts of(NotificationKind kind, AutoRotationEvent event) {
		RequestSnapshot request = event.request();
		String link = this.links.request(request.id());
		String variable = "";
		String detail = "";
		String attempts = "";
		if (event instanceof AutoRotationEvent.Rotated rotated) {
			variable = text("notifications.variable", rotated.key(), rotated.owner().fullPath(),
					rotated.environmentScope());
		}
		else if (event instanceof AutoRotationEvent.Escalated escalated) {
			variable = text("notifications.variable", escalated.key(), escalated.owner().fullPath(),
					escalated.environmentScope());
			detail = reason(escalated.reason());
			attempts = String.valueOf(escalated.attempts());
		}
		Object[] args = { request.shortId(), request.target().fullPath(), request.tokenName(),
				request.requesterUsername(), detail, request.expiresOn().toString(), link, variable, attempts };
		return texts(kind, args, link);
	}

	private String gitLabTokensPage(GitLabTarget target) {
		String group = (target.resource() == GitLabResource.GROUP) ? "/groups/" : "/";
		return this.gitlab.baseUrl() + group + target.fullPath() + "/-/settings/access_tokens";
	}

	private Texts texts(NotificationKind kind, Object[] args, String link) {
		Object[] chatArgs = new Object[args.length];
		for (int i = 0; i < args.length; i++) {
			chatArgs[i] = ChatDelivery.escape(String.valueOf(args[i]));
		}
		String prefix = "notifications." + kind.name() + ".";
		return new Texts(text(prefix + "subject", args), text(prefix + "body", args), text(prefix + "action", args),
				link, text(prefix + "chat", chatArgs));
	}

	String text(String code, Object... args) {
		return this.messages.getMessage(code, args, LOCALE);
	}

	private String detail(TokenRequestEvent event) {
		if (event instanceof RequestRejected rejected) {
			// the Owner's own words
			return rejected.reason();
		}
		if (event instanceof TokenIssueRefused refused) {
			return reason(refused.reason());
		}
		if (event instanceof TokenIssueUnknown unknown) {
			return reason(unknown.reason());
		}
		if (event instanceof RequestLapsing lapsing) {
			return UTC.format(lapsing.lapsesAt());
		}
		if (event instanceof TokenExpiring expiring) {
			return String.valueOf(expiring.daysLeft());
		}
		return "";
	}

	// in the words of the message around it
	private String reason(MessageSourceResolvable reason) {
		return this.messages.getMessage(reason, LOCALE);
	}

	/**
	 * The words of one message.
	 *
	 * @param subject the e-mail subject
	 * @param body what happened and what to do
	 * @param action the link's label
	 * @param link the absolute link to the request page (for a token made outside the
	 * portal, to the inventory of its target)
	 * @param chat the chat line
	 */
	record Texts(String subject, String body, String action, String link, String chat) {

	}

}
