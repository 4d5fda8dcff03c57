package dev.tokenportal.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A real SMTP server (GreenMail) and a chat webhook (WireMock) in the test JVM, one of
 * each for the JVM, on ports fixed for the JVM so that a test can stop the mail server
 * and start it again where the portal expects it. {@code PortalIntegrationTest} imports
 * it and sets {@link #MAIL_HOST}, so every whole-portal test sends its notifications
 * here; the chat webhook answers 200 unless a test says otherwise.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
public class NotificationTestConfiguration {

	static final String CHAT_PATH = "/hooks/default";

	/**
	 * Spring Boot makes a mail sender only when it sees a host while it reads its
	 * auto-configuration, before dynamic properties exist: a property of the test
	 * context, not a dynamic one.
	 */
	public static final String MAIL_HOST = "spring.mail.host=127.0.0.1";

	private static GreenMail mail;

	private static WireMockServer chat;

	private static int smtpPort;

	public static synchronized GreenMail mailServer() {
		if (mail == null) {
			smtpPort = freePort();
			mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			mail.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> mail.stop(), "greenmail-shutdown"));
		}
		return mail;
	}

	static synchronized int smtpPort() {
		mailServer();
		return smtpPort;
	}

	public static synchronized WireMockServer chatServer() {
		if (chat == null) {
			chat = new WireMockServer(options().dynamicPort());
			chat.start();
			// the tests that are not about notifications send chat lines too
			chat.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> chat.stop(), "wiremock-chat-shutdown"));
		}
		return chat;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Bean
	DynamicPropertyRegistrar notificationServers() {
		return (registry) -> {
			registry.add("spring.mail.port", NotificationTestConfiguration::smtpPort);
			// short, so that a test with a mail server that never answers ends soon
			registry.add("spring.mail.properties[mail.smtp.timeout]", () -> "3000");
			registry.add("spring.mail.properties[mail.smtp.connectiontimeout]", () -> "3000");
			registry.add("portal.mail.from", () -> "portal@tokenportal.test");
			registry.add("portal.chat.webhook-url", () -> chatServer().baseUrl() + CHAT_PATH);
		};
	}

}
