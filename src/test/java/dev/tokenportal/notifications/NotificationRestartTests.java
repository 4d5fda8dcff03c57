package dev.tokenportal.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.EmbeddedPostgres;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.TokenPortalApplication;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.PortalUserService;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail server that is down when a request is submitted and back only after the portal
 * restarted: the new instance resubmits the event left incomplete when it starts
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}) and each Owner
 * gets the e-mail once. Two portals one after the other on one database of their own,
 * really stopped and started, so this class shares no context.
 *
 * @author Token Portal team
 */
class NotificationRestartTests {

	@Test
	void anEmailThatCouldNotGoBeforeARestartGoesOnceAfterIt() throws Exception {
		String database = EmbeddedPostgres.newDatabase("restart");
		int smtpPort = freePort();
		GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		try (ConfigurableApplicationContext before = start(database, smtpPort)) {
			PortalUserService users = before.getBean(PortalUserService.class);
			users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", "bob@example.test");
			users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@example.test");
			new NotificationEvents(before, before.getBean(PlatformTransactionManager.class))
				.publish(NotificationEvents.submitted(request, Instant.now()));
			JdbcTemplate jdbc = before.getBean(JdbcTemplate.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(status(jdbc, request)));
		}

		mail.start();
		try (ConfigurableApplicationContext after = start(database, smtpPort)) {
			JdbcTemplate jdbc = after.getBean(JdbcTemplate.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(jdbc, request)));
			assertThat(recipients(mail, request.shortId())).containsExactly("bob@example.test", "carol@example.test");
		}
		finally {
			mail.stop();
		}
	}

	private static ConfigurableApplicationContext start(String database, int smtpPort) {
		List<String> arguments = new ArrayList<>(
				Arrays.asList(GitLabSandboxConfiguration.portalArguments(GitLabSandboxConfiguration.sharedSandbox())));
		arguments.addAll(List.of("--server.port=0", "--spring.datasource.url=" + database,
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
				// as in the other tests' databases
				"--spring.flyway.placeholders.runtime-role=portal_app", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtpPort, "--spring.mail.properties[mail.smtp.connectiontimeout]=3000",
				"--spring.mail.properties[mail.smtp.timeout]=3000", "--portal.mail.from=portal@tokenportal.test",
				"--portal.base-url=https://portal.example.test"));
		return new SpringApplicationBuilder(TokenPortalApplication.class).run(arguments.toArray(String[]::new));
	}

	private static String status(JdbcTemplate jdbc, RequestSnapshot request) {
		List<String> rows = jdbc.queryForList(
				"SELECT status FROM event_publication WHERE listener_id = ? AND serialized_event LIKE ?", String.class,
				NotificationListener.ID, "%" + request.id() + "%");
		assertThat(rows).hasSizeLessThanOrEqualTo(1);
		return rows.isEmpty() ? "" : rows.get(0);
	}

	private static List<String> recipients(GreenMail mail, String shortId) throws MessagingException {
		List<String> recipients = new ArrayList<>();
		for (MimeMessage message : mail.getReceivedMessages()) {
			if (message.getSubject().contains(shortId)) {
				Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.forEach((address) -> recipients.add(address.toString()));
			}
		}
		return recipients.stream().sorted().toList();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
