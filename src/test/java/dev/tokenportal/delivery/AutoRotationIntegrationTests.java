package dev.tokenportal.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.icegreen.greenmail.util.GreenMail;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.RecordedCall;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.gitlabsandbox.SandboxVariable;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.approvals.ApprovalService;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceService;
import dev.tokenportal.issuance.VariableDelivery.DestinationChoice;
import dev.tokenportal.notifications.Inbox;
import dev.tokenportal.notifications.NotificationTestConfiguration;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import dev.tokenportal.security.PortalUserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal rotating delivered tokens before they expire, on the whole portal with the
 * GitLab sandbox, a real mail server and a clock the tests move: at the due time and not
 * before, into the same variable with the old token revoked only after; through the
 * Owners when today's policy needs them, created without the requester once approved;
 * retried and escalated (once) when GitLab is down; refused, with the reason, for a
 * requester who left the project.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@Import(NotificationTestConfiguration.class)
@TestPropertySource(properties = NotificationTestConfiguration.MAIL_HOST)
class AutoRotationIntegrationTests {

	static final String ALICE_MAIL = "alice@example.test";

	static final String BOB_MAIL = "bob@example.test";

	static final CurrentUser ALICE = user(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer");

	static final CurrentUser BOB = user(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner");

	/**
	 * alice is a Maintainer of this project (so may manage its variables); bob owns it.
	 */
	static final String WEB = SandboxSeed.WEB;

	static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	MovableClock clock;

	@Autowired
	TokenRequestService requests;

	@Autowired
	IssuanceService issuance;

	@Autowired
	ApprovalService approvals;

	@Autowired
	AutoRotationJob job;

	@Autowired
	PortalUserService users;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

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
		this.users.recordLogin(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer", ALICE_MAIL);
		this.users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", BOB_MAIL);
	}

	@AfterEach
	void tearDown() {
		this.sandbox.faults().clear();
		this.clock.reset();
	}

	@Test
	void anAutoRotateTokenIsRotatedIntoItsVariableAtItsDueTimeAndNotAMinuteBefore() {
		TokenRequest request = delivered(20, 30, true);
		long oldTokenId = request.getGitlabTokenId();
		String key = keyOf(request);
		String oldValue = variable(key).value();
		Instant due = dueAt(request, Duration.ofDays(7));

		moveTo(due.minus(Duration.ofMinutes(1)));
		this.job.rotateDue();

		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).as("a minute early").isEqualTo(oldTokenId);
		assertThat(variable(key).value()).isEqualTo(oldValue);

		moveTo(due.plusSeconds(1));
		this.sandbox.faults().clearCalls();
		this.job.rotateDue();

		TokenRequest rotated = this.requests.get(request.getId());
		long newTokenId = rotated.getGitlabTokenId();
		assertThat(newTokenId).isNotEqualTo(oldTokenId);
		LocalDate newExpiry = today().plusDays(30);
		assertThat(rotated.getIssuedExpiresOn()).isEqualTo(newExpiry);
		String newValue = variable(key).value();
		assertThat(newValue).isNotEqualTo(oldValue);
		assertThat(sha256(newValue)).as("the variable holds the new token").isEqualTo(token(newTokenId).digest());
		assertThat(revokedInGitLab(oldTokenId)).isTrue();
		assertThat(revokedInGitLab(newTokenId)).isFalse();
		assertOldRevokedAfterTheVariableWasWritten(oldTokenId);

		Inbox.Mail mail = Inbox.awaitMails(request.getShortId(), 1).get(0);
		assertThat(mail.to()).containsExactly(ALICE_MAIL);
		assertThat(mail.subject()).contains("was rotated", newExpiry.toString());
		assertThat(mail.text()).contains(key, WEB, newExpiry.toString(), "The old token is revoked");
		assertThat(mail.all()).doesNotContain(newValue, oldValue, rotated.getTokenFingerprint());

		assertThat(actions(request)).contains("delivery.auto-rotated", "token.rotated", "delivery.written");
		AuditEvent autoRotated = last(request, "delivery.auto-rotated");
		assertThat(autoRotated.actorUsername()).isEqualTo("system");
		assertThat(autoRotated.details()).contains(String.valueOf(oldTokenId), key, newExpiry.toString());
		assertThat(last(request, "token.rotated").actorUsername()).isEqualTo("system");
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where details like ?", Long.class,
				"%" + newValue + "%"))
			.isZero();
	}

	@Test
	void aShortLivedTokenIsRotatedAtTwoThirdsOfItsLife() {
		TokenRequest request = delivered(20, 3, true);
		long oldTokenId = request.getGitlabTokenId();
		Instant expiry = request.getIssuedExpiresOn().atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant due = request.getIssuedAt()
			.plus(Duration.between(request.getIssuedAt(), expiry).multipliedBy(2).dividedBy(3));
		assertThat(Duration.between(due, expiry)).as("well inside the 7 days' lead").isLessThan(Duration.ofDays(1));

		moveTo(due.minus(Duration.ofMinutes(1)));
		this.job.rotateDue();
		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).isEqualTo(oldTokenId);

		moveTo(due.plusSeconds(1));
		this.job.rotateDue();

		TokenRequest rotated = this.requests.get(request.getId());
		assertThat(rotated.getGitlabTokenId()).isNotEqualTo(oldTokenId);
		assertThat(rotated.getIssuedExpiresOn()).isEqualTo(today().plusDays(3));
		assertThat(sha256(variable(keyOf(request)).value())).isEqualTo(token(rotated.getGitlabTokenId()).digest());
		assertThat(revokedInGitLab(oldTokenId)).isTrue();
	}

	@Test
	void withoutAutoRotateAPolicyThatNeedsApprovalAsksTheOwnersAndThePortalCreatesOnceApproved() {
		// Developer level: the standard tier, one Owner's approval
		TokenRequest request = delivered(30, 30, false);
		long oldTokenId = request.getGitlabTokenId();
		String key = keyOf(request);
		String oldValue = variable(key).value();

		moveTo(dueAt(request, Duration.ofDays(7)).plusSeconds(1));
		this.job.rotateDue();
		this.job.rotateDue();

		List<TokenRequest> renewals = renewalsOf(request);
		assertThat(renewals).as("asked once").hasSize(1);
		TokenRequest renewal = renewals.get(0);
		assertThat(renewal.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(renewal.getRequesterId()).isEqualTo(SandboxSeed.ALICE_ID);
		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).as("nothing rotated yet")
			.isEqualTo(oldTokenId);
		Inbox.Mail ask = Inbox.awaitMails(renewal.getShortId(), 1).get(0);
		assertThat(ask.to()).containsExactly(BOB_MAIL);
		assertThat(ask.subject()).contains("asks for a token on " + WEB);
		assertThat(actions(request)).contains("delivery.renewal-requested");

		as(BOB, () -> this.approvals.approve(renewal.getId(), BOB));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.requests.get(renewal.getId()).getStatus() == TokenRequestStatus.ISSUED);
		TokenRequest issued = this.requests.get(renewal.getId());
		assertThat(issued.getDestination()).isNotNull();
		assertThat(sha256(variable(key).value())).as("the same variable holds the renewal's token")
			.isEqualTo(token(issued.getGitlabTokenId()).digest());
		assertThat(variable(key).value()).isNotEqualTo(oldValue);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.requests.get(request.getId()).getStatus() == TokenRequestStatus.REVOKED);
		assertThat(revokedInGitLab(oldTokenId)).isTrue();
		assertThat(last(issued, "issuance.succeeded").actorUsername()).isEqualTo("system");
		await().atMost(Duration.ofSeconds(20)).until(() -> rotationMails(issued).size() == 1);
		Inbox.Mail told = rotationMails(issued).get(0);
		assertThat(told.to()).containsExactly(ALICE_MAIL);
		assertThat(told.text()).contains(key, issued.getIssuedExpiresOn().toString());
	}

	@Test
	void aGitLabOutageIsRetriedAtLaterRunsAndEscalatedOnceAfterThreeFailures() {
		TokenRequest request = delivered(20, 30, true);
		long oldTokenId = request.getGitlabTokenId();
		String oldValue = variable(keyOf(request)).value();
		// GitLab cannot say whether alice is still a member
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/members/all/*")
			.respond(503, "{\"message\":\"503 Service Unavailable\"}");

		moveTo(dueAt(request, Duration.ofDays(7)).plusSeconds(1));
		this.job.rotateDue();
		assertThat(attempts(request)).isEqualTo(1);
		this.job.rotateDue();
		assertThat(attempts(request)).as("not before the wait is over").isEqualTo(1);

		this.clock.advance(Duration.ofHours(1).plusSeconds(1));
		this.job.rotateDue();
		assertThat(attempts(request)).isEqualTo(2);
		assertThat(Inbox.mailsAbout(request.getShortId())).as("not yet told").isEmpty();

		this.clock.advance(Duration.ofHours(2).plusSeconds(1));
		this.job.rotateDue();
		assertThat(attempts(request)).isEqualTo(3);
		List<Inbox.Mail> escalation = Inbox.awaitMails(request.getShortId(), 2);
		assertThat(Inbox.recipientsAbout(request.getShortId())).containsExactly(ALICE_MAIL, BOB_MAIL);
		assertThat(escalation.get(0).subject()).contains("could not be rotated");
		assertThat(escalation.get(0).text()).contains("3 attempt(s)", "GitLab could not be reached", keyOf(request));

		this.clock.advance(Duration.ofHours(4).plusSeconds(1));
		this.job.rotateDue();
		assertThat(attempts(request)).isEqualTo(4);
		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).isEqualTo(oldTokenId);
		assertThat(variable(keyOf(request)).value()).as("the old token stays in place").isEqualTo(oldValue);
		assertThat(revokedInGitLab(oldTokenId)).isFalse();

		this.sandbox.faults().clear();
		this.clock.advance(Duration.ofHours(6).plusSeconds(1));
		this.job.rotateDue();

		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).isNotEqualTo(oldTokenId);
		Inbox.awaitMails(request.getShortId(), 3);
		assertThat(Inbox.mailsAbout(request.getShortId())).extracting(Inbox.Mail::subject)
			.filteredOn((subject) -> subject.contains("could not be rotated"))
			.as("told once")
			.hasSize(2);
		assertThat(actions(request)).filteredOn("delivery.rotation-failed"::equals).hasSize(4);
		assertThat(actions(request)).filteredOn("delivery.rotation-escalated"::equals).hasSize(1);
	}

	@Test
	void aRequesterWhoLeftTheProjectGetsNoRotationAndTheEscalationSaysWhy() {
		TokenRequest request = delivered(20, 30, true);
		long oldTokenId = request.getGitlabTokenId();
		this.sandbox.state().removeMember(WEB, SandboxSeed.ALICE);
		this.sandbox.faults().clearCalls();

		moveTo(dueAt(request, Duration.ofDays(7)).plusSeconds(1));
		this.job.rotateDue();

		assertThat(this.requests.get(request.getId()).getGitlabTokenId()).isEqualTo(oldTokenId);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).as("no token made").isEmpty();
		assertThat(renewalsOf(request)).as("no renewal either").isEmpty();
		Inbox.awaitMails(request.getShortId(), 2);
		assertThat(Inbox.recipientsAbout(request.getShortId())).containsExactly(ALICE_MAIL, BOB_MAIL);
		assertThat(Inbox.mailsAbout(request.getShortId()).get(0).text())
			.contains("GitLab says you are no longer a member of " + WEB);
		assertThat(last(request, "delivery.rotation-escalated").details()).contains("REQUESTER_REFUSED",
				"no longer a member");
	}

	/**
	 * A request of alice's on platform/frontend/web, its token created and delivered into
	 * a variable of the project.
	 */
	private TokenRequest delivered(int accessLevel, int days, boolean autoRotate) {
		TokenRequest submitted = this.requests.submit(
				new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.WEB_ID, "deployer", "Deploys the web app",
						List.of("read_api"), accessLevel, today().plusDays(days), "The pipeline reads the API", null),
				ALICE);
		if (submitted.getStatus() == TokenRequestStatus.PENDING_APPROVAL) {
			as(BOB, () -> this.approvals.approve(submitted.getId(), BOB));
		}
		String key = "WEB_TOKEN_" + submitted.getShortId().toUpperCase().replace('-', '_');
		as(ALICE,
				() -> this.issuance.create(submitted.getId(), ALICE, new DestinationChoice(WEB, key, "*", true, true)));
		if (autoRotate) {
			// the request form (issue 9) records the Owners' consent; here, directly
			this.jdbc.update("update token_request set auto_rotate = true where id = ?", submitted.getId());
		}
		TokenRequest request = this.requests.get(submitted.getId());
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		return request;
	}

	private static List<Inbox.Mail> rotationMails(TokenRequest request) {
		return Inbox.mailsAbout(request.getShortId())
			.stream()
			.filter((mail) -> mail.subject().contains("was rotated"))
			.toList();
	}

	private Instant dueAt(TokenRequest request, Duration lead) {
		Instant expiry = request.getIssuedExpiresOn().atStartOfDay(ZoneOffset.UTC).toInstant();
		Duration third = Duration.between(request.getIssuedAt(), expiry).dividedBy(3);
		return expiry.minus((third.compareTo(lead) < 0) ? third : lead);
	}

	private void moveTo(Instant when) {
		this.clock.advance(Duration.between(this.clock.instant(), when));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private String keyOf(TokenRequest request) {
		return this.requests.get(request.getId()).getDestination().key();
	}

	private SandboxVariable variable(String key) {
		return this.sandbox.state().variable(WEB, key, "*").orElseThrow();
	}

	private SandboxToken token(long id) {
		return this.sandbox.state().token(id).orElseThrow();
	}

	/**
	 * Revoked, or gone with the bot user GitLab deletes on revoke.
	 */
	private boolean revokedInGitLab(long id) {
		return this.sandbox.state().token(id).map(SandboxToken::revoked).orElse(true);
	}

	private int attempts(TokenRequest request) {
		return this.jdbc.queryForObject("select attempts from delivery_rotation where request_id = ?", Integer.class,
				request.getId());
	}

	private List<TokenRequest> renewalsOf(TokenRequest request) {
		return this.requests.requestsOf(SandboxSeed.ALICE_ID)
			.stream()
			.filter((other) -> request.getId().equals(other.getRenewalOf()))
			.toList();
	}

	private List<String> actions(TokenRequest request) {
		return this.audit.eventsOfRequest(request.getId()).stream().map(AuditEvent::action).toList();
	}

	private AuditEvent last(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + action + " for " + request));
	}

	/**
	 * The new value went into the variable before GitLab heard of the old token's revoke.
	 */
	private void assertOldRevokedAfterTheVariableWasWritten(long oldTokenId) {
		List<RecordedCall> calls = this.sandbox.faults().calls();
		int written = -1;
		int revoked = -1;
		for (int i = 0; i < calls.size(); i++) {
			RecordedCall call = calls.get(i);
			if (call.method().equals("PUT") && call.path().contains("/variables/")) {
				written = i;
			}
			if (call.method().equals("DELETE") && call.path().endsWith("/access_tokens/" + oldTokenId)) {
				revoked = i;
			}
		}
		assertThat(written).as("the variable was written").isNotNegative();
		assertThat(revoked).as("the old token was revoked after the variable was written").isGreaterThan(written);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static <T> T as(CurrentUser user, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(user.username(), null,
					user.roles().stream().map((role) -> "ROLE_" + role.name()).toArray(String[]::new)));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static CurrentUser user(long id, String username, String name) {
		return new CurrentUser(id, username, name, null, Set.of(PortalRole.USER));
	}

}
