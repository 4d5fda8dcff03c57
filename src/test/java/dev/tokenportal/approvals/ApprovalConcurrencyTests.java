package dev.tokenportal.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static dev.tokenportal.approvals.ApprovalFixtures.BOB;
import static dev.tokenportal.approvals.ApprovalFixtures.CAROL;
import static dev.tokenportal.approvals.ApprovalFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions pressed at the same instant, on real PostgreSQL: the locked request and the
 * one-decision-per-Owner constraint make the count exact, never more and never less.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ApprovalConcurrencyTests {

	@Autowired
	MessageSource messages;

	@Autowired
	ApprovalService approvals;

	@Autowired
	TokenRequestService requests;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	ApprovalFixtures fixtures;

	ExecutorService threads;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
		this.threads = Executors.newFixedThreadPool(10);
	}

	@AfterEach
	void tearDown() throws InterruptedException {
		this.threads.shutdownNow();
		assertThat(this.threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void oneOwnerPressingApproveTenTimesAtOnceCountsOnce() throws Exception {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);

		List<Outcome> outcomes = race(request.getId(), repeat(CAROL, 10));

		assertThat(outcomes).filteredOn(Outcome::approved).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !outcome.approved())
			.hasSize(9)
			.allSatisfy((outcome) -> assertThat(outcome.refusal())
				.isEqualTo("You already approved this request; each Owner counts once."));
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(1);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved")).hasSize(1);
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).hasSize(9);
	}

	@Test
	void twoOwnersApprovingAHighRequestAtTheSameInstantApproveItWithTwoApprovals() throws Exception {
		for (int round = 0; round < 5; round++) {
			TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);

			List<Outcome> outcomes = race(request.getId(), List.of(CAROL, BOB));

			assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.refusal()).isNull());
			assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
			assertThat(this.fixtures.approvalsOf(request.getId())).extracting((row) -> row.get("approver_name"))
				.containsExactlyInAnyOrder("carol", "bob");
			assertThat(this.fixtures.auditOf(request.getId(), "request.approved"))
				.extracting((event) -> (String) event.get("details"))
				.satisfiesExactly((details) -> assertThat(details).contains("1 of 2"),
						(details) -> assertThat(details).contains("2 of 2"));
		}
	}

	@Test
	void twoOwnersEachPressingFiveTimesAtOnceGiveExactlyTwoApprovals() throws Exception {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		List<CurrentUser> pressers = new ArrayList<>(repeat(CAROL, 5));
		pressers.addAll(repeat(BOB, 5));

		List<Outcome> outcomes = race(request.getId(), pressers);

		assertThat(outcomes).filteredOn(Outcome::approved).hasSize(2);
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(2);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void twoOwnersRacingOnAStandardRequestLeaveOneApproval() throws Exception {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		List<Outcome> outcomes = race(request.getId(), List.of(CAROL, BOB));

		assertThat(outcomes).filteredOn(Outcome::approved).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !outcome.approved())
			.singleElement()
			.satisfies((outcome) -> assertThat(outcome.refusal())
				.isEqualTo("This request is no longer waiting for approval: it is approved."));
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(1);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void anApprovalAndARejectionAtOnceLeaveOneConsistentOutcome() throws Exception {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		CountDownLatch start = new CountDownLatch(1);
		Future<Outcome> approve = this.threads.submit(() -> {
			start.await();
			return attempt(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)));
		});
		Future<Outcome> reject = this.threads.submit(() -> {
			start.await();
			return attempt(() -> as(BOB, () -> this.approvals.reject(request.getId(), BOB, "not needed")));
		});
		start.countDown();

		Outcome approved = approve.get(60, TimeUnit.SECONDS);
		Outcome rejected = reject.get(60, TimeUnit.SECONDS);

		assertThat(approved.refusal() == null).as("exactly one decision won").isNotEqualTo(rejected.refusal() == null);
		TokenRequestStatus status = this.fixtures.reload(request.getId()).getStatus();
		assertThat(status)
			.isEqualTo((approved.refusal() == null) ? TokenRequestStatus.APPROVED : TokenRequestStatus.REJECTED);
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(1);
	}

	private List<Outcome> race(UUID requestId, List<CurrentUser> pressers) throws Exception {
		CountDownLatch ready = new CountDownLatch(pressers.size());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Outcome>> futures = new ArrayList<>();
		for (CurrentUser presser : pressers) {
			futures.add(this.threads.submit(() -> {
				ready.countDown();
				start.await();
				return attempt(() -> as(presser, () -> this.approvals.approve(requestId, presser)));
			}));
		}
		assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
		start.countDown();
		List<Outcome> outcomes = new ArrayList<>();
		for (Future<Outcome> future : futures) {
			outcomes.add(future.get(60, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	private Outcome attempt(Runnable decision) {
		try {
			decision.run();
			return new Outcome(null);
		}
		catch (ApprovalRefusedException ex) {
			// as the person who pressed reads it
			return new Outcome(this.messages.getMessage(ex, Locale.ENGLISH));
		}
	}

	private static List<CurrentUser> repeat(CurrentUser user, int times) {
		List<CurrentUser> users = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			users.add(user);
		}
		return users;
	}

	/**
	 * How one press ended: {@code null} when it was recorded, else the refusal.
	 */
	record Outcome(String refusal) {

		boolean approved() {
			return this.refusal == null;
		}

	}

}
