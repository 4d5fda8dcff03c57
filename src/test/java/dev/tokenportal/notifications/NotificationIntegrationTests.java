package dev.tokenportal.notifications;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.PolicyReason;
import dev.tokenportal.requests.StatusReason;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequestEvent.OwnerComment;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.PortalUserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who hears what, on a real SMTP server and a chat webhook: each event of a request
 * reaches the people who can act on it, with absolute links into the portal, and nobody
 * else.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class NotificationIntegrationTests {

	@Autowired
	PortalLinks links;

	static final String BOB_MAIL = "bob@example.test";

	static final String CAROL_MAIL = "carol@example.test";

	static final String ALICE_MAIL = "alice@example.test";

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	PortalUserService users;

	@Autowired
	MovableClock clock;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	JdbcTemplate jdbc;

	NotificationEvents events;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.clock.reset();
		this.events = new NotificationEvents(this.publisher, this.transactionManager);
		GreenMail mail = NotificationTestConfiguration.mailServer();
		if (!mail.isRunning()) {
			mail.start();
		}
		NotificationTestConfiguration.chatServer()
			.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
		// the addresses GitLab gave at sign-in
		this.users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", BOB_MAIL);
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", CAROL_MAIL);
		this.users.recordLogin(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer", ALICE_MAIL);
	}

	@Test
	void aSubmittedRequestReachesTheTargetsOwnersByMailAndChatButNotTheRequester() {
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(NotificationEvents.submitted(request, now()));

		List<Inbox.Mail> mails = Inbox.awaitMails(request.shortId(), 2);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly(BOB_MAIL, CAROL_MAIL);
		Inbox.Mail mail = mails.get(0);
		assertThat(mail.from()).isEqualTo("portal@tokenportal.test");
		assertThat(mail.subject()).contains("@alice asks for a token on platform/backend/api");
		String link = base() + "/requests/" + request.id();
		assertThat(mail.text()).contains("ci-reader", "Owner of platform/backend/api", link);
		assertThat(mail.html()).contains("href=\"" + link + "\"", "Review the request");
		assertThat(mail.listUnsubscribe()).isEqualTo("<" + base() + "/preferences>");
		assertThat(mail.text()).contains(base() + "/preferences");
		List<String> chat = Inbox.awaitChat(request.shortId(), 1);
		assertThat(chat).singleElement()
			.satisfies((body) -> assertThat(body).startsWith("{\"text\":").contains(link, "@alice", "ci-reader"));
	}

	@Test
	void aRequestGrantedAtOnceTellsNoOwner() throws Exception {
		RequestSnapshot granted = NotificationEvents.apiRequest(TokenRequestStatus.APPROVED);
		RequestSnapshot marker = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(NotificationEvents.submitted(granted, now()));
		this.events.publish(NotificationEvents.submitted(marker, now()));

		// the later event's messages arrived, so the earlier one was handled too
		Inbox.awaitMails(marker.shortId(), 2);
		Thread.sleep(200);
		assertThat(Inbox.mailsAbout(granted.shortId())).isEmpty();
		assertThat(Inbox.chatAbout(granted.shortId())).isEmpty();
	}

	@Test
	void theRequesterHearsOfTheApprovalWithTheLinkToCreateTheToken() {
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.APPROVED);

		this.events.publish(NotificationEvents.approved(request, now()));

		Inbox.Mail mail = Inbox.awaitMails(request.shortId(), 1).get(0);
		assertThat(mail.to()).containsExactly(ALICE_MAIL);
		assertThat(mail.subject()).contains("approved, create your token");
		assertThat(mail.html()).contains("Create your token", "href=\"" + base() + "/requests/" + request.id() + "\"");
		assertThat(Inbox.mailsAbout(request.shortId())).hasSize(1);
	}

	@Test
	void theApprovalMailCarriesWhatTheApprovingOwnersSaid() {
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.APPROVED);

		this.events.publish(NotificationEvents.approved(request, now(),
				new OwnerComment("carol", "Fine until the <release> & no longer."),
				new OwnerComment("bob", "Rotate it after.")));

		Inbox.Mail mail = Inbox.awaitMails(request.shortId(), 1).get(0);
		assertThat(mail.text()).contains("is approved",
				"@carol commented: “Fine until the <release> & no longer.” @bob commented: “Rotate it after.”");
		assertThat(mail.html()).contains("Fine until the &lt;release&gt; &amp; no longer.").doesNotContain("<release>");
	}

	@Test
	void theRequesterHearsOfTheRejectionWithTheReason() {
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.REJECTED);

		this.events.publish(NotificationEvents.rejected(request, now(), "Use the <read_registry> scope & ask again"));

		Inbox.Mail mail = Inbox.awaitMails(request.shortId(), 1).get(0);
		assertThat(mail.to()).containsExactly(ALICE_MAIL);
		assertThat(mail.text()).contains("was rejected", "Use the <read_registry> scope & ask again");
		assertThat(mail.html()).contains("Use the &lt;read_registry&gt; scope &amp; ask again")
			.doesNotContain("<read_registry>");
	}

	@Test
	void theRequesterHearsWhenGitLabRefusesTheCreateOrItsAnswerIsLost() {
		RequestSnapshot refused = NotificationEvents.apiRequest(TokenRequestStatus.APPROVED);
		RequestSnapshot unknown = NotificationEvents.apiRequest(TokenRequestStatus.ISSUE_UNKNOWN);

		// a code with a code inside, through the publication registry and back
		this.events.publish(NotificationEvents.refused(refused, now(), StatusReason.of("issuance.refusal.policyDenied",
				new PolicyReason("policy.reason.high.access-level", List.of(AccessLevel.named(50))))));
		this.events.publish(NotificationEvents.unknown(unknown, now()));

		Inbox.Mail refusal = Inbox.awaitMails(refused.shortId(), 1).get(0);
		assertThat(refusal.to()).containsExactly(ALICE_MAIL);
		assertThat(refusal.text()).contains("GitLab refused",
				"The policy no longer allows this token: Owner access needs two Owners’ approval.");
		Inbox.Mail lost = Inbox.awaitMails(unknown.shortId(), 1).get(0);
		assertThat(lost.to()).containsExactly(ALICE_MAIL);
		assertThat(lost.text()).contains("was lost", "GitLab's answer to creating the token was lost on the way");
	}

	@Test
	void aLapsingRequestReachesWhoCanAct() {
		RequestSnapshot pending = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);
		RequestSnapshot approved = NotificationEvents.apiRequest(TokenRequestStatus.APPROVED);
		Instant lapsesAt = Instant.parse("2027-01-02T10:15:00Z");

		this.events.publish(NotificationEvents.lapsing(pending, now(), lapsesAt));
		this.events.publish(NotificationEvents.lapsing(approved, now(), lapsesAt));

		Inbox.awaitMails(pending.shortId(), 2);
		assertThat(Inbox.recipientsAbout(pending.shortId())).containsExactly(BOB_MAIL, CAROL_MAIL);
		assertThat(Inbox.mailsAbout(pending.shortId()).get(0).subject()).contains("2027-01-02 10:15 UTC");
		Inbox.Mail toRequester = Inbox.awaitMails(approved.shortId(), 1).get(0);
		assertThat(toRequester.to()).containsExactly(ALICE_MAIL);
		assertThat(toRequester.text()).contains("unless you create the token");
	}

	@Test
	void anExpiringTokenReachesTheRequesterAndTheOwnersWithARenewLink() {
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.ISSUED);

		this.events.publish(NotificationEvents.expiring(request, now(), 7));

		Inbox.awaitMails(request.shortId(), 3);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly(ALICE_MAIL, BOB_MAIL, CAROL_MAIL);
		Inbox.Mail mail = Inbox.mailsAbout(request.shortId()).get(0);
		assertThat(mail.subject()).contains("expires in 7 days");
		assertThat(mail.html()).contains(">Renew<", base() + "/requests/" + request.id());
		assertThat(Inbox.awaitChat(request.shortId(), 1).get(0)).contains("2027-01-31", "renew");
	}

	@Test
	void anOwnerWhoTurnedEmailOffGetsNone() {
		this.preferences.save(SandboxSeed.CAROL_ID, new NotificationPreferences.Preference(false, false));
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(NotificationEvents.submitted(request, now()));

		Inbox.awaitMails(request.shortId(), 1);
		Inbox.awaitChat(request.shortId(), 1);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly(BOB_MAIL);
	}

	@AfterEach
	void forgetPreferences() {
		this.jdbc.update("DELETE FROM notification_preference");
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/** Where the portal's links lead ({@code portal.base-url}). */
	private String base() {
		return this.links.baseUrl();
	}

}
