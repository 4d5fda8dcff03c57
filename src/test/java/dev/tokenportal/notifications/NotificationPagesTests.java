package dev.tokenportal.notifications;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.PortalUser;
import dev.tokenportal.security.PortalUserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The preferences page, the admins' chat channels page, and the address kept from a
 * sign-in, as people use them.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class NotificationPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	PortalUserService users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		NotificationTestConfiguration.chatServer()
			.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
	}

	@AfterEach
	void tearDown() {
		this.jdbc.update("DELETE FROM notification_preference");
		this.jdbc.update("DELETE FROM chat_channel");
	}

	@Test
	void signingInKeepsTheAddressGitLabGave() {
		this.jdbc.update("UPDATE portal_user SET email = NULL WHERE gitlab_user_id = ?", SandboxSeed.DAVE_ID);

		IssuanceTestSupport.signedIn(this.port, SandboxSeed.DAVE);

		assertThat(this.users.find(SandboxSeed.DAVE_ID).map(PortalUser::getEmail)).contains("dave@example.test");
	}

	@Test
	void aSignedInUserChoosesNoEmailOrADigest() {
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);
		PortalHttp.Response page = alice.get("/preferences");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"preferences-form\"", "A daily digest", "href=\"/preferences\"");

		PortalHttp.Response saved = alice.post("/preferences",
				Map.of("_csrf", PortalHttp.csrfToken(page.body()), "email", "false", "digest", "true"));

		assertThat(saved.status()).isEqualTo(302);
		assertThat(this.preferences.of(SandboxSeed.ALICE_ID))
			.isEqualTo(new NotificationPreferences.Preference(false, true));
		assertThat(alice.get("/preferences").body()).contains("id=\"email-off\" checked", "id=\"digest-on\" checked");
	}

	@Test
	void thePreferencesPageNeedsASignIn() {
		PortalHttp.Response anonymous = new PortalHttp(this.port).get("/preferences");
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.location()).endsWith("/login");
	}

	@Test
	void anAdminGivesATopLevelGroupItsOwnChatChannel() {
		PortalHttp erin = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ERIN);
		PortalHttp.Response page = erin.get("/admin/notifications");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("data-group=\"platform\"", "data-group=\"legacy\"", "data-group=\"security\"")
			.doesNotContain("data-group=\"platform/backend\"");
		String webhook = NotificationTestConfiguration.chatServer().baseUrl() + "/hooks/platform";

		PortalHttp.Response saved = erin.post("/admin/notifications",
				Map.of("_csrf", PortalHttp.csrfToken(page.body()), "group", "platform", "webhookUrl", webhook));

		assertThat(saved.status()).isEqualTo(302);
		assertThat(erin.get("/admin/notifications").body()).doesNotContain("/hooks/platform");
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);
		new NotificationEvents(this.publisher, this.transactionManager)
			.publish(NotificationEvents.submitted(request, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
		await().until(() -> !NotificationTestConfiguration.chatServer()
			.findAll(postRequestedFor(urlPathEqualTo("/hooks/platform")))
			.stream()
			.filter((posted) -> posted.getBodyAsString().contains(request.shortId()))
			.toList()
			.isEmpty());
		assertThat(NotificationTestConfiguration.chatServer()
			.findAll(postRequestedFor(urlPathEqualTo(NotificationTestConfiguration.CHAT_PATH)))
			.stream()
			.filter((posted) -> posted.getBodyAsString().contains(request.shortId()))).isEmpty();
	}

	@Test
	void onlyAdminsSeeTheChatChannels() {
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);
		assertThat(alice.get("/admin/notifications").status()).isEqualTo(403);
	}

}
