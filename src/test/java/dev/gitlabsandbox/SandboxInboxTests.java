package dev.gitlabsandbox;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's inbox: {@code POST /-/sandbox/chat} as a Slack-compatible incoming
 * webhook, and {@code GET /-/sandbox/inbox} listing what it received and what a connected
 * mail server received.
 *
 * @author Token Portal team
 */
class SandboxInboxTests {

	private static final String CHAT = "/-/sandbox/chat";

	private static final String INBOX = "/-/sandbox/inbox";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void chatWebhookAnswersOkKeepsTheMessageAndTheInboxShowsItWithItsLinkClickable() {
		SandboxClient.Response response = postChat(
				"{\"text\": \"@alice asks for the token \\\"ci\\\" on platform/web (7f3a): http://localhost:8080/requests/42\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(sandbox.gitlab().inbox().chatMessages()).extracting(SandboxInbox.ChatMessage::text)
			.containsExactly(
					"@alice asks for the token \"ci\" on platform/web (7f3a): http://localhost:8080/requests/42");
		SandboxClient.Response page = getInbox();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("@alice asks for the token &quot;ci&quot; on platform/web (7f3a)")
			.contains("<a href=\"http://localhost:8080/requests/42\">http://localhost:8080/requests/42</a>");
	}

	@Test
	void chatTextIsShownAsTextNeverAsMarkup() {
		postChat("{\"text\": \"<script>alert(1)</script> <img src=x onerror=alert(2)> \\\" &amp; done\"}");
		String page = getInbox().body();
		assertThat(page).doesNotContain("<script>alert").doesNotContain("<img");
		assertThat(page)
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &quot; &amp; done");
	}

	@Test
	void slackLinkMarkupBecomesALinkAndOnlyWebLinksAreClickable() {
		postChat(
				"{\"text\": \"Approve <http://localhost:8080/requests/7?a=1&amp;b=2|request 7> or see javascript:alert(1)\"}");
		String page = getInbox().body();
		assertThat(page).contains("Approve <a href=\"http://localhost:8080/requests/7?a=1&amp;b=2\">request 7</a>")
			.contains("or see javascript:alert(1)")
			.doesNotContain("href=\"javascript");
	}

	@Test
	void chatWebhookTakesAFormEncodedPayloadLikeSlack() {
		SandboxClient.Response response = sandbox.client()
			.postForm(CHAT, Map.of("payload", "{\"text\": \"from a form\"}"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(sandbox.gitlab().inbox().chatMessages()).extracting(SandboxInbox.ChatMessage::text)
			.containsExactly("from a form");
	}

	@Test
	void chatWebhookAnswers400ToABodyWithoutTextAndKeepsNothing() {
		assertThat(postChat("{\"username\": \"portal\"}").status()).isEqualTo(400);
		assertThat(postChat("{\"text\": \"  \"}").status()).isEqualTo(400);
		assertThat(postChat("{\"text\": 42}").status()).isEqualTo(400);
		SandboxClient.Response notJson = postChat("text=hello");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.body()).isEqualTo("invalid_payload");
		assertThat(postChat("{}").body()).isEqualTo("no_text");
		assertThat(sandbox.gitlab().inbox().chatMessages()).isEmpty();
		assertThat(getInbox().body()).contains("No chat message yet.");
	}

	@Test
	void withoutAMailSourceTheInboxShowsChatAndSaysMailIsNotConnected() {
		// a sandbox of its own: the shared one keeps the sources other tests connected
		try (GitLabSandbox unconnected = GitLabSandbox.start(0)) {
			SandboxClient client = new SandboxClient(unconnected);
			client.send(client.request(CHAT)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"text\": \"hello\"}")));
			String page = client.send(client.request(INBOX)).body();
			assertThat(page).contains("hello").contains("E-mail is not connected");
		}
	}

	@Test
	void inboxListsTheMailsOfItsSourceAndChatNewestFirst() {
		Instant older = Instant.parse("2020-05-01T09:30:00Z");
		Instant newer = Instant.parse("2999-05-02T10:00:00Z");
		sandbox.gitlab()
			.inbox()
			.connect(() -> List.of(
					new SandboxInbox.Mail(List.of("bob@example.com"), "token-portal@localhost",
							"[Token Portal] Approval needed: ci on platform/web (7f3a)", older,
							"Open http://localhost:8080/requests/42 to decide.\n<b>not bold</b>"),
					new SandboxInbox.Mail(List.of("alice@example.com", "carol@example.com"), "token-portal@localhost",
							"[Token Portal] Approved (7f3a)", newer, "Create your token.")));
		postChat("{\"text\": \"a chat line in between\"}");
		String page = getInbox().body();
		assertThat(page).doesNotContain("E-mail is not connected")
			.contains("bob@example.com")
			.contains("alice@example.com, carol@example.com")
			.contains("2020-05-01 09:30:00 UTC")
			.contains("<a href=\"http://localhost:8080/requests/42\">http://localhost:8080/requests/42</a> to decide.")
			.contains("&lt;b&gt;not bold&lt;/b&gt;");
		assertThat(page.indexOf("Approved (7f3a)")).isLessThan(page.indexOf("a chat line in between"));
		assertThat(page.indexOf("a chat line in between")).isLessThan(page.indexOf("Approval needed"));
	}

	@Test
	void aFailingMailSourceLeavesThePageUp() {
		sandbox.gitlab().inbox().connect(() -> {
			throw new IllegalStateException("mail server stopped");
		});
		postChat("{\"text\": \"still here\"}");
		SandboxClient.Response page = getInbox();
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("still here").contains("mail server stopped");
	}

	@Test
	void resetForgetsChatMessagesButKeepsTheMailSource() {
		sandbox.gitlab().inbox().connect(List::of);
		postChat("{\"text\": \"before reset\"}");
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().inbox().chatMessages()).isEmpty();
		assertThat(getInbox().body()).doesNotContain("before reset")
			.doesNotContain("E-mail is not connected")
			.contains("No e-mail yet.");
	}

	@Test
	void signInPageLinksToTheInbox() {
		String authorize = "/oauth/authorize?" + SandboxClient.form(Map.of("client_id", SandboxSeed.CLIENT_ID,
				"redirect_uri", "http://localhost:8080/login/oauth2/code/gitlab", "response_type", "code", "scope",
				"openid profile email"));
		SandboxClient.Response page = sandbox.client().send(sandbox.client().request(authorize));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("href=\"/-/sandbox/inbox\"");
	}

	private static SandboxClient.Response postChat(String json) {
		return sandbox.client()
			.send(sandbox.client()
				.request(CHAT)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(json)));
	}

	private static SandboxClient.Response getInbox() {
		return sandbox.client().send(sandbox.client().request(INBOX));
	}

}
