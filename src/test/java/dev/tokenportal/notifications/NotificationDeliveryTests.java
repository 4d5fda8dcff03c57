package dev.tokenportal.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import dev.tokenportal.requests.StatusReason;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.PortalUserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Messages are sent after the change committed, on another thread, never lost and never
 * twice: a recipient that failed is retried alone, a mail server that was down gets the
 * message once it is back, and the change itself never waits for mail.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NotificationDeliveryTests {

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
	JdbcTemplate jdbc;

	@Autowired
	NotificationRetryJob retryJob;

	@Autowired
	DigestJob digestJob;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	TokenRequestService requests;

	@LocalServerPort
	int port;

	@Autowired
	PortalLinks links;

	NotificationEvents events;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.clock.reset();
		this.events = new NotificationEvents(this.publisher, this.transactionManager);
		startMailServer();
		NotificationTestConfiguration.chatServer()
			.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
		this.users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", "bob@example.test");
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@example.test");
		this.users.recordLogin(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer", "alice@example.test");
	}

	@AfterEach
	void tearDown() {
		startMailServer();
		this.clock.reset();
		this.sandbox.reset();
		this.jdbc.update("DELETE FROM notification_preference");
	}

	@Test
	void aRetrySendsOnlyToTheRecipientThatFailed() {
		// JavaMail cannot even address this one, so carol's message fails and bob's goes
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@[unclosed");
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(NotificationEvents.submitted(request, now()));

		Inbox.awaitMails(request.shortId(), 1);
		awaitFailedPublication(request);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly("bob@example.test");
		assertThat(Inbox.chatAbout(request.shortId())).hasSize(1);

		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@example.test");
		this.clock.advance(Duration.ofMinutes(2));
		this.retryJob.resubmit();

		Inbox.awaitMails(request.shortId(), 2);
		awaitCompletedPublication(request);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly("bob@example.test", "carol@example.test");
		assertThat(Inbox.chatAbout(request.shortId())).as("the chat line went out once").hasSize(1);
	}

	@Test
	void aMessageWaitsForItsBackoffBeforeItIsRetried() {
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@[unclosed");
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);
		this.events.publish(NotificationEvents.submitted(request, now()));
		awaitFailedPublication(request);
		this.users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@example.test");

		this.retryJob.resubmit();

		assertThat(publicationOf(request).get("completion_date")).as("not due before a minute").isNull();
		this.clock.advance(Duration.ofMinutes(2));
		this.retryJob.resubmit();
		awaitCompletedPublication(request);
	}

	@Test
	void aMailServerDownWhenTheRequestIsSubmittedStillGetsTheMessageOnceItIsBack(CapturedOutput output) {
		NotificationTestConfiguration.mailServer().stop();
		RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(NotificationEvents.submitted(request, now()));

		awaitFailedPublication(request);
		// expected and retried: one WARN line per message, with its id and the reason,
		// and no ERROR or stack trace
		List<String> lines = output.getAll().lines().filter((line) -> line.contains(request.shortId())).toList();
		assertThat(lines).filteredOn((line) -> line.contains(" WARN "))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).containsPattern(
					"Could not send APPROVAL_NEEDED about request \\S+ to user:\\d+ by EMAIL \\(notification \\d+\\), "
							+ "will try again: java.net.ConnectException"));
		assertThat(lines).noneMatch((line) -> line.contains(" ERROR "));
		assertThat(output.getAll()).doesNotContain(NotificationFailedException.class.getName(),
				"at " + Notifier.class.getName());
		startMailServer();
		this.clock.advance(Duration.ofMinutes(2));
		this.retryJob.resubmit();

		Inbox.awaitMails(request.shortId(), 2);
		awaitCompletedPublication(request);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly("bob@example.test", "carol@example.test");
		assertThat(Inbox.chatAbout(request.shortId())).as("chat was up all along: sent once").hasSize(1);
	}

	@Test
	void theChangeCommitsAndReturnsWhileTheMailServerHangs() throws Exception {
		NotificationTestConfiguration.mailServer().stop();
		try (BlackHole smtp = new BlackHole(NotificationTestConfiguration.smtpPort())) {
			RequestSnapshot request = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

			this.events.publish(NotificationEvents.submitted(request, now()));

			// the publishing transaction has returned; the listener is still stuck
			// talking to the server
			await().atMost(Duration.ofSeconds(10)).until(() -> !smtp.connections.isEmpty());
			assertThat(publicationOf(request).get("completion_date")).isNull();
			assertThat(smtp.connections.get(0).isClosed()).isFalse();
		}
	}

	@Test
	void anOwnerWithoutAKnownAddressIsNamedOnTheRequestPage() {
		// a service account that is a member, not an administrator, sees only public
		// e-mail addresses (gitlab-api.md §14)
		this.sandbox.state().addMember(SandboxSeed.PLATFORM, SandboxSeed.SERVICE_ACCOUNT, 20);
		this.sandbox.state().setAdmin(SandboxSeed.SERVICE_ACCOUNT, false);
		this.jdbc.update("UPDATE portal_user SET email = NULL WHERE gitlab_user_id IN (?, ?)", SandboxSeed.BOB_ID,
				SandboxSeed.CAROL_ID);
		this.sandbox.state().setPublicEmail(SandboxSeed.CAROL, "carol.public@example.test");

		// the submit publishes RequestSubmitted itself
		TokenRequest submitted = standardRequest();
		RequestSnapshot request = NotificationEvents.of(submitted);

		Inbox.awaitMails(request.shortId(), 1);
		Inbox.awaitChat(request.shortId(), 1);
		assertThat(Inbox.recipientsAbout(request.shortId())).containsExactly("carol.public@example.test");
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);
		String page = alice.get("/requests/" + submitted.getId()).body();
		assertThat(page).contains("id=\"unreachable-owners\"", "No e-mail known for @bob:").doesNotContain("@carol:");
	}

	@Test
	void anOwnerWhoChoseTheDigestGetsOneMessageADayListingWhatStillWaits() {
		this.preferences.save(SandboxSeed.CAROL_ID, new NotificationPreferences.Preference(true, true));

		// each submit publishes its RequestSubmitted
		TokenRequest first = standardRequest();
		TokenRequest second = standardRequest();

		Inbox.awaitMails(first.getShortId(), 1);
		Inbox.awaitMails(second.getShortId(), 1);
		assertThat(Inbox.recipientsAbout(first.getShortId())).containsExactly("bob@example.test");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.queryForObject(
					"SELECT count(*) FROM notification WHERE channel = 'DIGEST' AND request_id IN (?, ?)", Long.class,
					first.getId(), second.getId()) == 2);

		this.digestJob.sendDigests();

		List<Inbox.Mail> digests = digestsTo("carol@example.test");
		assertThat(digests).hasSize(1);
		assertThat(digests.get(0).text()).contains(first.getShortId(), second.getShortId(),
				base() + "/requests/" + first.getId(), base() + "/approvals");
		this.digestJob.sendDigests();
		assertThat(digestsTo("carol@example.test")).as("each request once").hasSize(1);
	}

	@Test
	void noMessageCarriesATokenValueOrItsFingerprint() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);
		String value = IssuanceTestSupport.valueIn(IssuanceTestSupport.post(alice, request.getId(), "create").body());
		TokenRequest issued = this.requests.get(request.getId());
		String fingerprint = issued.getTokenFingerprint();
		assertThat(fingerprint).isNotBlank();
		RequestSnapshot snapshot = NotificationEvents.of(issued);

		this.events.publish(NotificationEvents.issued(snapshot, now()), NotificationEvents.approved(snapshot, now()),
				NotificationEvents.expiring(snapshot, now(), 1),
				NotificationEvents.lapsing(snapshot, now(), now().plus(Duration.ofDays(1))),
				NotificationEvents.refused(snapshot, now(), StatusReason.of("issuance.refusal.unreachable")),
				NotificationEvents.unknown(snapshot, now()));

		List<Inbox.Mail> mails = Inbox.awaitMails(snapshot.shortId(), 6);
		List<String> chat = Inbox.awaitChat(snapshot.shortId(), 1);
		for (Inbox.Mail mail : mails) {
			assertThat(mail.all()).doesNotContain(value).doesNotContain(fingerprint);
		}
		for (String line : chat) {
			assertThat(line).doesNotContain(value).doesNotContain(fingerprint);
		}
		assertThat(IssuanceTestSupport.dumpDatabase(this.jdbc)).doesNotContain(value);
	}

	@Test
	void aChangeNobodyIsToldOfLeavesNoPublicationToKeep() {
		RequestSnapshot cancelled = NotificationEvents.apiRequest(TokenRequestStatus.CANCELLED);
		RequestSnapshot submitted = NotificationEvents.apiRequest(TokenRequestStatus.PENDING_APPROVAL);

		this.events.publish(new TokenRequestEvent.RequestCancelled(cancelled, NotificationEvents.ALICE, now()),
				NotificationEvents.submitted(submitted, now()));

		awaitCompletedPublication(submitted);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?",
				Long.class, "%" + cancelled.id() + "%"))
			.isZero();
	}

	private List<Inbox.Mail> digestsTo(String address) {
		return Inbox.mailsAbout("waiting for you").stream().filter((mail) -> mail.to().contains(address)).toList();
	}

	private TokenRequest standardRequest() {
		// Developer level needs one Owner of platform/backend/api (bob or carol)
		return IssuanceTestSupport.submit(this.requests, dev.tokenportal.gitlab.GitLabResource.PROJECT,
				SandboxSeed.API_ID, List.of("read_api"), 30, 30);
	}

	private Map<String, Object> publicationOf(RequestSnapshot request) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT status, completion_date, completion_attempts FROM event_publication "
						+ "WHERE listener_id = ? AND serialized_event LIKE ?",
				NotificationListener.ID, "%" + request.id() + "%");
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	private void awaitFailedPublication(RequestSnapshot request) {
		await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(publicationOf(request).get("status")));
	}

	private void awaitCompletedPublication(RequestSnapshot request) {
		await().atMost(Duration.ofSeconds(20)).until(() -> publicationOf(request).get("completion_date") != null);
	}

	private static void startMailServer() {
		GreenMail mail = NotificationTestConfiguration.mailServer();
		if (!mail.isRunning()) {
			mail.start();
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * A mail server that accepts connections and never says a word.
	 */
	static final class BlackHole implements AutoCloseable {

		final List<Socket> connections = new CopyOnWriteArrayList<>();

		private final ServerSocket server;

		BlackHole(int port) {
			try {
				this.server = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						this.connections.add(this.server.accept());
					}
					catch (IOException closed) {
						return;
					}
				}
			}, "smtp-black-hole");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

	/** Where the portal's links lead ({@code portal.base-url}). */
	private String base() {
		return this.links.baseUrl();
	}

}
