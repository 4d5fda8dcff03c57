package dev.tokenportal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxInbox;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code spring-boot:test-run} wires, without starting the portal: the settings it
 * gives the portal, read as Spring reads them, lead a real e-mail and a real chat post to
 * the sandbox's inbox page.
 *
 * @author Token Portal team
 */
class TestTokenPortalApplicationTests {

	private static GitLabSandbox sandbox;

	private static LocalMailServer mail;

	@BeforeAll
	static void start() {
		sandbox = GitLabSandbox.start(0);
		mail = LocalMailServer.start(0);
	}

	@AfterAll
	static void stop() {
		mail.close();
		sandbox.close();
	}

	@Test
	void mailAndChatSentWithThePortalsSettingsShowUpInTheSandboxInbox() throws Exception {
		StandardEnvironment portal = environment(TestTokenPortalApplication.connect(sandbox, mail, new String[0]));
		assertThat(portal.getProperty("portal.gitlab.url")).isEqualTo(sandbox.baseUrl());
		assertThat(portal.getProperty("portal.base-url")).isEqualTo("http://localhost:8080");

		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(portal.getRequiredProperty("spring.mail.host"));
		sender.setPort(portal.getRequiredProperty("spring.mail.port", Integer.class));
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom("token-portal@localhost");
		helper.setTo("bob@example.com");
		helper.setSubject("[Token Portal] Approval needed (7f3a)");
		helper.setText("Decide at http://localhost:8080/requests/42.", "<p>Decide <a href=\"#\">here</a></p>");
		sender.send(message);

		RestClient.create()
			.post()
			.uri(portal.getRequiredProperty("portal.chat.webhook-url"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", "@alice asks for a token (7f3a)"))
			.retrieve()
			.toBodilessEntity();

		String page = inboxPage();
		assertThat(page).doesNotContain("E-mail is not connected")
			.contains("[Token Portal] Approval needed (7f3a)")
			.contains("To bob@example.com, from token-portal@localhost")
			.contains("Decide at <a href=\"http://localhost:8080/requests/42\">http://localhost:8080/requests/42</a>.")
			.doesNotContain("Decide <a href=\"#\">")
			.contains("@alice asks for a token (7f3a)");
	}

	@Test
	void linksFollowTheServerPortAndTheCommandLineWinsOverTheDefaults() {
		String[] arguments = TestTokenPortalApplication.connect(sandbox, mail,
				new String[] { "--server.port=8082", "--portal.chat.webhook-url=https://chat.example.com/hooks/x" });
		StandardEnvironment portal = environment(arguments);
		assertThat(portal.getProperty("portal.base-url")).isEqualTo("http://localhost:8082");
		assertThat(portal.getProperty("portal.chat.webhook-url")).isEqualTo("https://chat.example.com/hooks/x");
		assertThat(Arrays.stream(arguments).filter((arg) -> arg.startsWith("--portal.chat.webhook-url="))).hasSize(1);
	}

	private static StandardEnvironment environment(String[] arguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments));
		return environment;
	}

	private static String inboxPage() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + SandboxInbox.PAGE_PATH)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

}
