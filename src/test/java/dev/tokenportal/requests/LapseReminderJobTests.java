package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.approvals.ApprovalService;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.TokenRequestEvent.RequestLapsing;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day before a pending or approved request lapses, the reminder job publishes
 * {@link RequestLapsing} for it: once per request and state, never earlier, never twice.
 * The portal's clock is moved to the moments that matter and the job is run by hand.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@RecordApplicationEvents
class LapseReminderJobTests {

	private static final Duration WEEK = Duration.ofDays(7);

	private static final Duration DAY = Duration.ofDays(1);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final CurrentUser ALICE = user(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer");

	private static final CurrentUser CAROL = user(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner");

	@Autowired
	LapseReminderJob job;

	@Autowired
	TokenRequestService requests;

	@Autowired
	ApprovalService approvals;

	@Autowired
	MovableClock clock;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aPendingRequestIsRemindedOnceADayBeforeItLapsesAndAgainOnceApproved() {
		TokenRequest request = submit();
		Instant pendingLapse = request.getCreatedAt().plus(WEEK);

		moveTo(pendingLapse.minus(DAY).minus(MINUTE));
		this.job.remindLapsing();
		assertThat(lapsing(request)).as("more than a day before the lapse").isEmpty();

		moveTo(pendingLapse.minus(DAY).plus(MINUTE));
		this.job.remindLapsing();
		this.job.remindLapsing();
		assertThat(lapsing(request)).as("a day before, over two runs").singleElement().satisfies((event) -> {
			assertThat(event.request().status()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
			assertThat(event.request().shortId()).isEqualTo(request.getShortId());
			assertThat(event.lapsesAt()).isEqualTo(pendingLapse);
			assertThat(event.actor()).isEqualTo(TokenRequestEvent.Actor.SYSTEM);
		});

		as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));
		this.job.remindLapsing();
		assertThat(lapsing(request)).as("just approved: a week to go").hasSize(1);

		Instant approvedLapse = this.requests.get(request.getId()).getApprovalClockFrom().plus(WEEK);
		moveTo(approvedLapse.minus(DAY).plus(MINUTE));
		this.job.remindLapsing();
		this.job.remindLapsing();
		assertThat(lapsing(request)).hasSize(2).last().satisfies((event) -> {
			assertThat(event.request().status()).isEqualTo(TokenRequestStatus.APPROVED);
			assertThat(event.lapsesAt()).isEqualTo(approvedLapse);
		});
		assertThat(remindersOf(request)).containsExactlyInAnyOrder("PENDING_APPROVAL", "APPROVED");
	}

	@Test
	void aRequestAlreadyOverdueIsNotRemindedItLapses() {
		TokenRequest request = submit();

		moveTo(request.getCreatedAt().plus(WEEK).plus(MINUTE));
		this.job.remindLapsing();

		assertThat(lapsing(request)).isEmpty();
		assertThat(remindersOf(request)).isEmpty();
	}

	@Test
	void aCancelledRequestIsNeverReminded() {
		TokenRequest request = submit();
		this.requests.cancel(request.getId(), ALICE);

		moveTo(request.getCreatedAt().plus(WEEK).minus(DAY).plus(MINUTE));
		this.job.remindLapsing();

		assertThat(lapsing(request)).isEmpty();
	}

	@Test
	void aReminderWhosePublicationFailsIsNotRecordedAndGoesOutOnTheNextRun() {
		TokenRequest request = submit();
		moveTo(request.getCreatedAt().plus(WEEK).minus(DAY).plus(MINUTE));
		ApplicationListener<PayloadApplicationEvent<RequestLapsing>> failing = (published) -> {
			if (published.getPayload().request().id().equals(request.getId())) {
				throw new IllegalStateException("a listener in the publishing transaction failed");
			}
		};
		this.context.addApplicationListener(failing);
		try {
			this.job.remindLapsing();
		}
		finally {
			this.context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(failing);
		}
		assertThat(remindersOf(request)).as("rolled back with the failed publication").isEmpty();

		this.job.remindLapsing();

		assertThat(remindersOf(request)).containsExactly("PENDING_APPROVAL");
		assertThat(lapsing(request)).last()
			.satisfies((event) -> assertThat(event.at()).isAfter(request.getCreatedAt()));
	}

	private TokenRequest submit() {
		TokenRequest request = this.requests
			.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID, "ci-deploy", null, List.of("api"),
					30, LocalDate.now(ZoneOffset.UTC).plusDays(30), "Deploys the service from CI", null), ALICE);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		// as stored: the database keeps microseconds
		return this.requests.get(request.getId());
	}

	private List<RequestLapsing> lapsing(TokenRequest request) {
		return this.events.stream(RequestLapsing.class)
			.filter((event) -> event.request().id().equals(request.getId()))
			.toList();
	}

	private List<String> remindersOf(TokenRequest request) {
		return this.jdbc.queryForList("select status from request_lapse_reminder where request_id = ?", String.class,
				request.getId());
	}

	private void moveTo(Instant moment) {
		this.clock.advance(Duration.between(this.clock.instant(), moment));
	}

	private static <T> T as(CurrentUser user, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(user.username(), null, "ROLE_USER"));
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
