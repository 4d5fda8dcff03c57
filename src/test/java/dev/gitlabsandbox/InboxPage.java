package dev.gitlabsandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The page {@code GET /-/sandbox/inbox}: chat messages and e-mails in one list, newest
 * first. Everything received is escaped; only {@code http(s)} links become clickable.
 *
 * @author Token Portal team
 */
final class InboxPage {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Slack's link markup {@code <url>} or {@code <url|label>} (a literal {@code <} in
	 * Slack text is {@code &lt;}), or a bare web address.
	 */
	private static final Pattern LINK = Pattern.compile("<(https?://[^|>\\s]+)(?:\\|([^>]*))?>|(https?://[^\\s<>\"]+)");

	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)\\]'\"]+$");

	private static final String STYLE = """
			body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #1f1e24; }
			h1 { font-size: 1.5rem; }
			ol { list-style: none; padding: 0; }
			li { border: 1px solid #bfbfc3; border-radius: 0.25rem; margin: 0.75rem 0; padding: 0.75rem 1rem; }
			.kind { font-weight: 600; }
			.meta { color: #535158; margin: 0.25rem 0; }
			.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.5rem 0 0; }
			.note { color: #535158; }
			""";

	private InboxPage() {
	}

	static String render(List<SandboxInbox.ChatMessage> chat, boolean mailConnected, List<SandboxInbox.Mail> mails,
			@Nullable String mailError) {
		List<Entry> entries = new ArrayList<>();
		chat.forEach((message) -> entries.add(new Entry(message.receivedAt(), chatItem(message))));
		mails.forEach((mail) -> entries.add(new Entry(mail.sentAt(), mailItem(mail))));
		entries.sort(Comparator.comparing(Entry::at).reversed());
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>Inbox of the GitLab sandbox</title>\n<style>")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<main>\n<h1>Messages the application sent</h1>\n")
			.append("<p class=\"note\">Chat messages posted to <code>")
			.append(SandboxInbox.CHAT_PATH)
			.append("</code> and e-mails the local mail server received, newest first. ")
			.append("<a href=\"")
			.append(SandboxInbox.PAGE_PATH)
			.append("\">Reload</a> to see new ones. CI/CD variables the application wrote are on <a href=\"")
			.append(GitLabSandbox.VARIABLES_PAGE_PATH)
			.append("\" id=\"sandbox-variables\">their own page</a>.</p>\n");
		html.append("<p id=\"chat-status\" class=\"note\">")
			.append(chat.isEmpty() ? "No chat message yet." : count(chat.size(), "chat message", "chat messages"))
			.append("</p>\n<p id=\"mail-status\" class=\"note\">")
			.append(mailStatus(mailConnected, mails.size(), mailError))
			.append("</p>\n<ol id=\"messages\">\n");
		entries.forEach((entry) -> html.append(entry.html()));
		html.append("</ol>\n</main>\n</body>\n</html>\n");
		return html.toString();
	}

	private static String mailStatus(boolean connected, int count, @Nullable String error) {
		if (!connected) {
			return "E-mail is not connected: this sandbox was started without a mail server, so only chat is shown.";
		}
		if (error != null) {
			return "The mail server could not be read: " + LoginPage.escape(error);
		}
		return (count == 0) ? "No e-mail yet." : count(count, "e-mail", "e-mails");
	}

	private static String count(int count, String one, String many) {
		return count + " " + ((count == 1) ? one : many) + ".";
	}

	private static String chatItem(SandboxInbox.ChatMessage message) {
		return "<li class=\"chat\">\n<div class=\"kind\">Chat</div>\n<div class=\"meta\">"
				+ TIME.format(message.receivedAt()) + "</div>\n<div class=\"text\">" + withLinks(message.text(), true)
				+ "</div>\n</li>\n";
	}

	private static String mailItem(SandboxInbox.Mail mail) {
		String text = mail.text().isEmpty() ? "<em>(no plain-text part)</em>" : withLinks(mail.text(), false);
		return "<li class=\"mail\">\n<div class=\"kind\">E-mail: " + LoginPage.escape(mail.subject())
				+ "</div>\n<div class=\"meta\">To " + LoginPage.escape(String.join(", ", mail.to())) + ", from "
				+ LoginPage.escape(mail.from()) + ", " + TIME.format(mail.sentAt()) + "</div>\n<div class=\"text\">"
				+ text + "</div>\n</li>\n";
	}

	/**
	 * Escapes a received text and makes its web links clickable.
	 * @param text the text as received
	 * @param slack whether it is Slack-formatted: {@code &amp;}, {@code &lt;} and
	 * {@code &gt;} stand for the characters, {@code <url|label>} for a link
	 * @return HTML
	 */
	static String withLinks(String text, boolean slack) {
		StringBuilder html = new StringBuilder();
		Matcher link = LINK.matcher(text);
		int last = 0;
		while (link.find()) {
			String trailing = "";
			String url;
			String label;
			if (link.group(3) != null) {
				url = link.group(3);
				Matcher punctuation = TRAILING_PUNCTUATION.matcher(url);
				if (punctuation.find()) {
					trailing = punctuation.group();
					url = url.substring(0, punctuation.start());
				}
				label = url;
			}
			else {
				url = link.group(1);
				label = (link.group(2) != null) ? link.group(2) : url;
			}
			html.append(plain(text.substring(last, link.start()), slack))
				.append("<a href=\"")
				.append(LoginPage.escape(slack ? unescapeSlack(url) : url))
				.append("\">")
				.append(plain(label, slack))
				.append("</a>")
				.append(plain(trailing, slack));
			last = link.end();
		}
		return html.append(plain(text.substring(last), slack)).toString();
	}

	private static String plain(String text, boolean slack) {
		return LoginPage.escape(slack ? unescapeSlack(text) : text);
	}

	private static String unescapeSlack(String text) {
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}

	private record Entry(Instant at, String html) {

	}

}
