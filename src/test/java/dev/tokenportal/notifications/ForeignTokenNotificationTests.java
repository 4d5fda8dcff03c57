package dev.tokenportal.notifications;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.WebhookDelivery;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.security.PortalUserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitLab's warning about a token made outside the portal, from the sandbox's webhook to
 * the inbox: the target's Owners hear of it once each by e-mail, and its chat channel
 * once, with a link to the inventory of the target's tokens, however many hooks or
 * deliveries brought it.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ForeignTokenNotificationTests {

	private static final String SECRET = "test-webhook-secret-0123456789";

	@LocalServerPort
	int port;

	@Autowired
	PortalLinks links;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	GitLabTokenClient gitlab;

	@Autowired
	PortalUserService users;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MovableClock clock;

	@Autowired
	NotificationRetryJob retryJob;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.clock.reset();
		GreenMail mail = NotificationTestConfiguration.mailServer();
		if (!mail.isRunning()) {
			mail.start();
		}
		NotificationTestConfiguration.chatServer()
			.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
		this.users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", NotificationIntegrationTests.BOB_MAIL);
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner",
				NotificationIntegrationTests.CAROL_MAIL);
		this.users.recordLogin(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer",
				NotificationIntegrationTests.ALICE_MAIL);
	}

	@AfterEach
	void tearDown() {
		this.clock.reset();
		this.jdbc.update("DELETE FROM notification_preference");
	}

	@Test
	void theProjectAndGroupHooksTellEachOwnerOnceWithTheInventoryLinkAndARedeliveryNothingMore() throws Exception {
		// projects no portal request targets: the sandbox's token ids start over at each
		// reset, while the shared database keeps other tests' requests
		GitLabTarget service = serviceProject(24);
		String name = uniqueName();
		LocalDate expiresAt = today().plusDays(5);
		CreatedAccessToken made = madeByHand(service, name, expiresAt);
		hook(service.fullPath());
		hook(SandboxSeed.PLATFORM);

		List<WebhookDelivery> deliveries = this.sandbox.deliverExpiringTokenWebhooks();

		assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(200, 200);
		List<Inbox.Mail> mails = Inbox.awaitMails(name, 2);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL,
				NotificationIntegrationTests.CAROL_MAIL);
		// the Owners' link is GitLab's own page of the project's tokens; the portal's
		// inventory is for auditors
		String link = this.sandbox.baseUrl() + "/platform/backend/service-24/-/settings/access_tokens";
		String inventory = base() + "/inventory/gitlab?path=platform/backend/service-24";
		Inbox.Mail mail = mails.get(0);
		assertThat(mail.subject())
			.isEqualTo("[Token Portal] The project access token '%s' on platform/backend/service-24 expires on %s"
				.formatted(name, expiresAt));
		assertThat(mail.text()).contains(
				"The project access token '%s' (id %d) on platform/backend/service-24 ".formatted(name,
						made.token().id()) + "expires on " + expiresAt + ". It was not made through the Token Portal.",
				"See the project's access tokens in GitLab: " + link,
				"Auditors find it in the portal's inventory: " + inventory);
		assertThat(mail.html()).contains("href=\"" + link + "\"");
		assertThat(mail.listUnsubscribe()).isEqualTo("<" + base() + "/preferences>");
		assertThat(Inbox.awaitChat(name, 1)).singleElement()
			.satisfies((body) -> assertThat(body).startsWith("{\"text\":")
				.contains("(id " + made.token().id() + ")", "not made through the Token Portal", link));

		assertThat(this.sandbox.redeliver(deliveries.get(0)).status()).isEqualTo(200);
		assertThat(this.sandbox.redeliver(deliveries.get(1)).status()).isEqualTo(200);

		Thread.sleep(1000);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL,
				NotificationIntegrationTests.CAROL_MAIL);
		assertThat(Inbox.chatAbout(name)).hasSize(1);
	}

	@Test
	void theSameWarningInANewGitLabEventStillReachesEachOwnerOnce() {
		GitLabTarget service = serviceProject(23);
		String name = uniqueName();
		madeByHand(service, name, today().plusDays(6));
		hook(service.fullPath());
		List<WebhookDelivery> deliveries = this.sandbox.deliverExpiringTokenWebhooks();
		assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(200);
		Inbox.awaitMails(name, 2);
		Inbox.awaitChat(name, 1);

		// GitLab's worker runs again after a failure: a new event, a new delivery
		assertThat(this.sandbox.redeliver(asNewEvent(deliveries.get(0))).status()).isEqualTo(200);

		// both warnings were handled to completion, and the second sent nothing
		await().atMost(Duration.ofSeconds(20)).until(() -> completedPublicationsAbout(name) == 2);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL,
				NotificationIntegrationTests.CAROL_MAIL);
		assertThat(Inbox.chatAbout(name)).hasSize(1);
	}

	@Test
	void theThirtyDayAndTheSevenDayWarningsForOneTokenAreEachTold() {
		GitLabTarget service = serviceProject(20);
		String name = uniqueName();
		madeByHand(service, name, today().plusDays(6));
		hook(service.fullPath());
		// the payload does not say which warning it is: the portal reads it from the
		// days left, so its clock stands where GitLab's 30-day warning would come
		this.clock.advance(Duration.ofDays(-24));
		List<WebhookDelivery> thirtyDays = this.sandbox.deliverExpiringTokenWebhooks();
		assertThat(thirtyDays).extracting(WebhookDelivery::status).containsExactly(200);
		Inbox.awaitMails(name, 2);
		Inbox.awaitChat(name, 1);

		this.clock.reset();
		WebhookDelivery sevenDays = asNewEvent(thirtyDays.get(0));
		assertThat(this.sandbox.redeliver(sevenDays).status()).isEqualTo(200);

		Inbox.awaitMails(name, 4);
		Inbox.awaitChat(name, 2);
		// each warning replayed, and the 7-day one sent again as a new event: nothing
		// more
		assertThat(this.sandbox.redeliver(sevenDays).status()).isEqualTo(200);
		assertThat(this.sandbox.redeliver(asNewEvent(sevenDays)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofDays(-24));
		assertThat(this.sandbox.redeliver(thirtyDays.get(0)).status()).isEqualTo(200);
		this.clock.reset();
		await().atMost(Duration.ofSeconds(20)).until(() -> completedPublicationsAbout(name) == 3);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL,
				NotificationIntegrationTests.BOB_MAIL, NotificationIntegrationTests.CAROL_MAIL,
				NotificationIntegrationTests.CAROL_MAIL);
		assertThat(Inbox.chatAbout(name)).hasSize(2);
	}

	private long completedPublicationsAbout(String tokenName) {
		return this.jdbc.queryForObject(
				"select count(*) from event_publication where listener_id = ? and completion_date is not null "
						+ "and serialized_event like ?",
				Long.class, NotificationListener.FOREIGN_ID, "%" + tokenName + "%");
	}

	@Test
	void aMessageThatFailedIsRetriedAndOnlyItIsSentAgain() {
		// JavaMail cannot even address this one, so carol's message fails and bob's goes
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@[unclosed");
		GitLabTarget service = serviceProject(21);
		String name = uniqueName();
		madeByHand(service, name, today().plusDays(3));
		hook(service.fullPath());
		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(200);
		Inbox.awaitMails(name, 1);
		Inbox.awaitChat(name, 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> failedPublicationsAbout(name) == 1);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL);

		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner",
				NotificationIntegrationTests.CAROL_MAIL);
		this.clock.advance(Duration.ofMinutes(2));
		this.retryJob.resubmit();

		Inbox.awaitMails(name, 2);
		await().atMost(Duration.ofSeconds(20)).until(() -> completedPublicationsAbout(name) == 1);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL,
				NotificationIntegrationTests.CAROL_MAIL);
		assertThat(Inbox.chatAbout(name)).as("the chat line went out once").hasSize(1);
	}

	private long failedPublicationsAbout(String tokenName) {
		return this.jdbc.queryForObject(
				"select count(*) from event_publication where listener_id = ? and status = 'FAILED' "
						+ "and serialized_event like ?",
				Long.class, NotificationListener.FOREIGN_ID, "%" + tokenName + "%");
	}

	@Test
	void anOwnerWhoTurnedEmailOffGetsNone() {
		this.preferences.save(SandboxSeed.CAROL_ID, new NotificationPreferences.Preference(false, false));
		GitLabTarget service = serviceProject(22);
		String name = uniqueName();
		madeByHand(service, name, today().plusDays(4));
		hook(service.fullPath());

		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(200);

		Inbox.awaitMails(name, 1);
		Inbox.awaitChat(name, 1);
		assertThat(Inbox.recipientsAbout(name)).containsExactly(NotificationIntegrationTests.BOB_MAIL);
	}

	private static GitLabTarget serviceProject(int number) {
		return new GitLabTarget(GitLabResource.PROJECT, SandboxSeed.FIRST_SERVICE_PROJECT_ID + number - 1,
				"platform/backend/service-" + number);
	}

	private static String uniqueName() {
		return "by-hand-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	/** A token made in GitLab directly, not through the portal. */
	private CreatedAccessToken madeByHand(GitLabTarget target, String name, LocalDate expiresAt) {
		return this.gitlab.create(target, new NewAccessToken(name, null, List.of("read_api"), 20, expiresAt));
	}

	private void hook(String path) {
		this.sandbox.state().addHook(path, "http://localhost:" + this.port + "/webhooks/gitlab", SECRET, true);
	}

	private static WebhookDelivery asNewEvent(WebhookDelivery delivery) {
		Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
		headers.put("X-Gitlab-Event-UUID", UUID.randomUUID().toString());
		headers.put("Idempotency-Key", UUID.randomUUID().toString());
		return new WebhookDelivery(delivery.hookId(), delivery.url(), headers, delivery.body(), 0);
	}

	/** Where the portal's links lead ({@code portal.base-url}). */
	private String base() {
		return this.links.baseUrl();
	}

}
