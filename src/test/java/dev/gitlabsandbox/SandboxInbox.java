package dev.gitlabsandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Not GitLab: what an application sent while it ran against the sandbox, for people to
 * read. {@code POST /-/sandbox/chat} is a Slack-compatible incoming webhook, and
 * {@code GET /-/sandbox/inbox} lists its messages together with the e-mails of a
 * connected mail server, newest first. The sandbox knows no mail server: whoever starts
 * one {@linkplain #connect connects} it as a {@link MailSource}.
 *
 * @author Token Portal team
 */
public final class SandboxInbox {

	/** The path of the chat webhook, for {@code <base URL> + CHAT_PATH}. */
	public static final String CHAT_PATH = "/-/sandbox/chat";

	/** The path of the page. */
	public static final String PAGE_PATH = "/-/sandbox/inbox";

	// a portal left running for days must not fill the heap with chat lines
	private static final int MAX_CHAT_MESSAGES = 1000;

	private final Clock clock;

	private final Deque<ChatMessage> chat = new ArrayDeque<>();

	private volatile @Nullable MailSource mailSource;

	SandboxInbox(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Show the e-mails of a mail server on the page, replacing any earlier source.
	 * @param source where the page reads the received e-mails
	 */
	public void connect(MailSource source) {
		this.mailSource = source;
	}

	/**
	 * The chat messages received since start or the last reset.
	 * @return the messages, oldest first
	 */
	public synchronized List<ChatMessage> chatMessages() {
		return List.copyOf(this.chat);
	}

	synchronized void clearChat() {
		this.chat.clear();
	}

	void register(Router router) {
		router.post(CHAT_PATH, this::receiveChat);
		router.get(PAGE_PATH, this::showInbox);
	}

	/**
	 * Answers like Slack's incoming webhooks: {@code ok}, or 400 with
	 * {@code invalid_payload} or {@code no_text}. Slack and Mattermost also take the JSON
	 * in a form field {@code payload}.
	 */
	private SandboxResponse receiveChat(SandboxRequest request) {
		JsonNode payload;
		try {
			String type = request.header("Content-Type");
			payload = (type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded"))
					? Json.MAPPER.readTree(String.valueOf(request.params().string("payload")))
					: Json.read(request.body());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return SandboxResponse.text(400, "invalid_payload");
		}
		if (payload == null || !payload.isObject()) {
			return SandboxResponse.text(400, "invalid_payload");
		}
		JsonNode text = payload.get("text");
		if (text == null || !text.isString() || text.asString().isBlank()) {
			return SandboxResponse.text(400, "no_text");
		}
		synchronized (this) {
			if (this.chat.size() == MAX_CHAT_MESSAGES) {
				this.chat.removeFirst();
			}
			this.chat.addLast(new ChatMessage(this.clock.instant(), text.asString()));
		}
		return SandboxResponse.text(200, "ok");
	}

	private SandboxResponse showInbox(SandboxRequest request) {
		MailSource source = this.mailSource;
		List<Mail> mails = List.of();
		String mailError = null;
		if (source != null) {
			try {
				mails = List.copyOf(source.mails());
			}
			catch (RuntimeException ex) {
				mailError = ex.getMessage();
				mailError = (mailError != null) ? mailError : ex.getClass().getSimpleName();
			}
		}
		return SandboxResponse.html(200, InboxPage.render(chatMessages(), source != null, mails, mailError));
	}

	/**
	 * Where the page reads e-mails from, called on every view of the page.
	 */
	@FunctionalInterface
	public interface MailSource {

		/**
		 * The e-mails received so far, in any order.
		 * @return the e-mails
		 */
		List<Mail> mails();

	}

	/**
	 * One received e-mail, as the page shows it.
	 *
	 * @param to the recipients
	 * @param from the sender
	 * @param subject the subject
	 * @param sentAt when it was sent (its {@code Date} header) or received
	 * @param text the plain-text part, empty if it had none
	 */
	public record Mail(List<String> to, String from, String subject, Instant sentAt, String text) {

	}

	/**
	 * One message posted to the chat webhook.
	 *
	 * @param receivedAt when the sandbox received it
	 * @param text its {@code text}, Slack-formatted ({@code &amp;}, {@code <url|label>})
	 */
	public record ChatMessage(Instant receivedAt, String text) {

	}

}
