package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.tokenportal.policy.PolicyReason;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The request's state machine on its own, without Spring or a database: every move it
 * allows, the moves it refuses, when the approved-lapse clock starts again, and what is
 * recorded about the token and cleared again.
 *
 * @author Token Portal team
 */
class TokenRequestTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-02T09:00:00Z");

	private static final Instant LATER = SUBMITTED.plus(Duration.ofHours(1));

	private static final Instant MUCH_LATER = SUBMITTED.plus(Duration.ofDays(3));

	private static final TokenRequest.IssuedToken TOKEN = new TokenRequest.IssuedToken(7, "ci (alice, tp-1)",
			List.of("read_api", "read_repository"), 30, LocalDate.parse("2026-12-01"));

	private static final TokenRequest.IssuedToken ROTATED = new TokenRequest.IssuedToken(8, "ci (alice, tp-1)",
			List.of("read_api", "read_repository"), 30, LocalDate.parse("2026-12-31"));

	@Test
	void aLowTierRequestIsApprovedAtSubmitAndItsClockStarts() {
		TokenRequest request = submit(Tier.LOW);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getRequiredApprovals()).isZero();
		assertThat(request.getApprovedAt()).isEqualTo(SUBMITTED);
		assertThat(request.getApprovalClockFrom()).isEqualTo(SUBMITTED);
		assertThat(request.getShortId()).hasSize(8);
		assertThat(request.gitlabName()).isEqualTo("ci (alice, tp-" + request.getShortId() + ")");
	}

	@Test
	void aStandardRequestWaitsForOwnersWithoutAClock() {
		TokenRequest request = submit(Tier.STANDARD);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(request.getRequiredApprovals()).isEqualTo(Tier.STANDARD.requiredApprovals());
		assertThat(request.getApprovedAt()).isNull();
		assertThat(request.getApprovalClockFrom()).isNull();
	}

	@Test
	void aDeniedDecisionIsNeverARequest() {
		assertThatIllegalArgumentException().isThrownBy(() -> submit(Tier.DENIED))
			.withMessageContaining("not saved: rule");
	}

	@Test
	void approvingStartsTheClock() {
		TokenRequest request = submit(Tier.STANDARD);

		request.approve(LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getApprovedAt()).isEqualTo(LATER);
		assertThat(request.getApprovalClockFrom()).isEqualTo(LATER);
		assertThat(request.getUpdatedAt()).isEqualTo(LATER);
	}

	@Test
	void rejectingKeepsTheOwnersReason() {
		TokenRequest request = submit(Tier.STANDARD);

		request.reject(StatusReason.of(StatusReason.REJECTED, "not for production"), LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
		StatusReason reason = request.getStatusReason();
		assertThat(reason.code()).isEqualTo(StatusReason.REJECTED);
		assertThat(reason.args()).as("the Owner's own words, kept as they were written")
			.containsExactly("not for production");
		assertThat(request.getStatus().isFinal()).isTrue();
	}

	@Test
	void aRowWrittenBeforeCodesGivesBackItsEnglishUntilItMovesOn() {
		TokenRequest request = submit(Tier.LOW);
		// what V19 leaves on an old row: the sentence in status_reason, no code
		ReflectionTestUtils.setField(request, "legacyStatusReason", "Revoked by alice (owner)");

		StatusReason reason = request.getStatusReason();
		assertThat(reason.code()).isNull();
		assertThat(reason.getCodes()).isNull();
		assertThat(reason.getDefaultMessage()).isEqualTo("Revoked by alice (owner)");

		request.startIssuing(LATER);
		request.claimWithdrawn(reason("hourly limit"), LATER);
		assertThat(request.getStatusReason()).as("a new reason replaces the old sentence")
			.isEqualTo(reason("hourly limit"));
	}

	@Test
	void aTokenNeverReceivedSaysSoByCode() {
		TokenRequest request = issued();
		request.notReceived(MUCH_LATER);
		assertThat(request.getStatusReason()).isEqualTo(StatusReason.of(StatusReason.NOT_RECEIVED));
	}

	@Test
	void theRequesterMayCancelWhilePendingOrApproved() {
		TokenRequest pending = submit(Tier.STANDARD);
		pending.cancel(LATER);
		assertThat(pending.getStatus()).isEqualTo(TokenRequestStatus.CANCELLED);

		TokenRequest approved = submit(Tier.LOW);
		approved.cancel(LATER);
		assertThat(approved.getStatus()).isEqualTo(TokenRequestStatus.CANCELLED);
	}

	@Test
	void pendingAndApprovedRequestsLapseWithTheirReason() {
		TokenRequest pending = submit(Tier.STANDARD);
		pending.lapse(reason("nobody decided"), LATER);
		assertThat(pending.getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
		assertThat(pending.getStatusReason()).isEqualTo(reason("nobody decided"));

		TokenRequest approved = submit(Tier.LOW);
		approved.lapse(reason("never created"), LATER);
		assertThat(approved.getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
	}

	@Test
	void issuingRecordsEveryFactOfTheToken() {
		TokenRequest request = issued();

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(request.getGitlabTokenId()).isEqualTo(7L);
		assertThat(request.getGitlabTokenName()).isEqualTo("ci (alice, tp-1)");
		assertThat(request.getIssuedScopes()).containsExactly("read_api", "read_repository");
		assertThat(request.tokenScopes()).containsExactly("read_api", "read_repository");
		assertThat(request.getIssuedAccessLevel()).isEqualTo(30);
		assertThat(request.tokenAccessLevel()).isEqualTo(30);
		assertThat(request.getIssuedExpiresOn()).isEqualTo(LocalDate.parse("2026-12-01"));
		assertThat(request.tokenExpiresOn()).isEqualTo(LocalDate.parse("2026-12-01"));
		assertThat(request.getTokenFingerprint()).isEqualTo("fp-7");
		assertThat(request.getIssuedAt()).isEqualTo(LATER);
	}

	@Test
	void beforeItIsIssuedTheTokenIsAsAsked() {
		TokenRequest request = submit(Tier.LOW);

		assertThat(request.getGitlabTokenId()).isNull();
		assertThat(request.getIssuedScopes()).isEmpty();
		assertThat(request.tokenScopes()).containsExactly("read_api");
		assertThat(request.tokenAccessLevel()).isEqualTo(20);
		assertThat(request.tokenExpiresOn()).isEqualTo(LocalDate.parse("2026-12-01"));
	}

	@Test
	void aRefusalThatMayWorkAgainGoesBackToApprovedWithAFreshClock() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(MUCH_LATER);

		request.issueRefused(reason("GitLab is busy"), true, true, MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getStatusReason()).isEqualTo(reason("GitLab is busy"));
		assertThat(request.getApprovalClockFrom()).isEqualTo(MUCH_LATER);
		assertThat(request.isAwaitingChange()).isTrue();

		// the next move clears it
		request.startIssuing(MUCH_LATER.plusSeconds(1));
		assertThat(request.isAwaitingChange()).isFalse();
	}

	@Test
	void aRefusalThatCannotWorkAgainFailsTheRequestAndNeverAwaitsAChange() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(LATER);

		request.issueRefused(reason("forbidden scope"), false, true, LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.FAILED);
		assertThat(request.isAwaitingChange()).isFalse();
		assertThat(request.getApprovalClockFrom()).as("a failed request has no clock to restart").isEqualTo(SUBMITTED);
	}

	@Test
	void aLostAnswerIsUnknownUntilReconciledWhichStartsAFreshClock() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(LATER);

		request.issueUnknown(reason("answer lost"), LATER);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.ISSUE_UNKNOWN);

		request.reconciled(reason("nothing was made"), MUCH_LATER);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getStatusReason()).isEqualTo(reason("nothing was made"));
		assertThat(request.getApprovalClockFrom()).isEqualTo(MUCH_LATER);
	}

	@Test
	void reconcilingAnAbandonedClaimClearsWhateverWasRecorded() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(LATER);

		request.reconciled(reason("revoked what GitLab made"), MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getApprovalClockFrom()).isEqualTo(MUCH_LATER);
		assertNoToken(request);
	}

	@Test
	void aWithdrawnClaimKeepsTheClockRunning() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(MUCH_LATER);

		request.claimWithdrawn(reason("hourly limit"), MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getStatusReason()).isEqualTo(reason("hourly limit"));
		assertThat(request.getApprovalClockFrom()).isEqualTo(SUBMITTED);
	}

	@Test
	void aTokenNeverReceivedIsClearedAndTheClockKeepsRunning() {
		TokenRequest request = issued();

		request.notReceived(MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getApprovalClockFrom()).isEqualTo(SUBMITTED);
		assertThat(request.getIssuedAt()).isNull();
		assertNoToken(request);
		assertThat(request.tokenScopes()).as("as asked again").containsExactly("read_api");
	}

	@Test
	void aRevokedTokenKeepsItsRecordForTheTrail() {
		TokenRequest request = issued();

		request.revoked(reason("Revoked by alice"), MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(request.getStatusReason()).isEqualTo(reason("Revoked by alice"));
		assertThat(request.getRevokedAt()).isEqualTo(MUCH_LATER);
		assertThat(request.getGitlabTokenId()).isEqualTo(7L);
		assertThat(request.getTokenFingerprint()).isEqualTo("fp-7");
	}

	@Test
	void anIssuedTokenExpires() {
		TokenRequest request = issued();

		request.expired(MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.EXPIRED);
		assertThat(request.getGitlabTokenId()).isEqualTo(7L);
	}

	@Test
	void rotatingRecordsTheNewTokenAndStaysIssued() {
		TokenRequest request = issued();

		request.rotated(ROTATED, "fp-8", MUCH_LATER);

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(request.getGitlabTokenId()).isEqualTo(8L);
		assertThat(request.getIssuedExpiresOn()).isEqualTo(LocalDate.parse("2026-12-31"));
		assertThat(request.getTokenFingerprint()).isEqualTo("fp-8");
		assertThat(request.getIssuedAt()).isEqualTo(MUCH_LATER);
		assertThat(request.getUpdatedAt()).isEqualTo(MUCH_LATER);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedMoves")
	void movesFromTheWrongStateAreRefusedAndChangeNothing(String move, TokenRequestStatus from,
			Consumer<TokenRequest> apply) {
		TokenRequest request = in(from);
		Instant before = request.getUpdatedAt();

		assertThatExceptionOfType(IllegalTransitionException.class).isThrownBy(() -> apply.accept(request))
			.satisfies((ex) -> assertThat(ex.current()).isEqualTo(from));
		assertThat(request.getStatus()).isEqualTo(from);
		assertThat(request.getUpdatedAt()).isEqualTo(before);
	}

	static Stream<Arguments> refusedMoves() {
		return Stream.of(refused("approve an approved request", TokenRequestStatus.APPROVED, (r) -> r.approve(LATER)),
				refused("reject an approved request", TokenRequestStatus.APPROVED,
						(r) -> r.reject(reason("no"), LATER)),
				refused("cancel an issued request", TokenRequestStatus.ISSUED, (r) -> r.cancel(LATER)),
				refused("cancel while issuing", TokenRequestStatus.ISSUING, (r) -> r.cancel(LATER)),
				refused("lapse while issuing", TokenRequestStatus.ISSUING, (r) -> r.lapse(reason("late"), LATER)),
				refused("lapse an issued request", TokenRequestStatus.ISSUED, (r) -> r.lapse(reason("late"), LATER)),
				refused("create for a pending request", TokenRequestStatus.PENDING_APPROVAL,
						(r) -> r.startIssuing(LATER)),
				refused("create twice", TokenRequestStatus.ISSUING, (r) -> r.startIssuing(LATER)),
				refused("record a token without a claim", TokenRequestStatus.APPROVED,
						(r) -> r.issued(TOKEN, "fp", LATER)),
				refused("refuse without a claim", TokenRequestStatus.APPROVED,
						(r) -> r.issueRefused(reason("no"), true, LATER)),
				refused("unknown without a claim", TokenRequestStatus.APPROVED,
						(r) -> r.issueUnknown(reason("?"), LATER)),
				refused("reconcile an issued request", TokenRequestStatus.ISSUED,
						(r) -> r.reconciled(reason("?"), LATER)),
				refused("withdraw a claim never made", TokenRequestStatus.APPROVED,
						(r) -> r.claimWithdrawn(reason("limit"), LATER)),
				refused("not received before it was issued", TokenRequestStatus.APPROVED, (r) -> r.notReceived(LATER)),
				refused("revoke before it was issued", TokenRequestStatus.APPROVED,
						(r) -> r.revoked(reason("no"), LATER)),
				refused("revoke twice", TokenRequestStatus.REVOKED, (r) -> r.revoked(reason("again"), LATER)),
				refused("rotate a revoked token", TokenRequestStatus.REVOKED, (r) -> r.rotated(ROTATED, "fp", LATER)),
				refused("expire a pending request", TokenRequestStatus.PENDING_APPROVAL, (r) -> r.expired(LATER)),
				refused("expire an expired token", TokenRequestStatus.EXPIRED, (r) -> r.expired(LATER)),
				refused("approve a rejected request", TokenRequestStatus.REJECTED, (r) -> r.approve(LATER)),
				refused("create for a lapsed request", TokenRequestStatus.LAPSED, (r) -> r.startIssuing(LATER)),
				refused("create for a cancelled request", TokenRequestStatus.CANCELLED, (r) -> r.startIssuing(LATER)),
				refused("create for a failed request", TokenRequestStatus.FAILED, (r) -> r.startIssuing(LATER)));
	}

	private static Arguments refused(String move, TokenRequestStatus from, Consumer<TokenRequest> apply) {
		return Arguments.of(move, from, apply);
	}

	/**
	 * A request brought to a state through allowed moves only.
	 */
	private static TokenRequest in(TokenRequestStatus status) {
		return switch (status) {
			case PENDING_APPROVAL -> submit(Tier.STANDARD);
			case APPROVED -> submit(Tier.LOW);
			case REJECTED -> then(submit(Tier.STANDARD), (r) -> r.reject(reason("no"), SUBMITTED));
			case CANCELLED -> then(submit(Tier.LOW), (r) -> r.cancel(SUBMITTED));
			case LAPSED -> then(submit(Tier.LOW), (r) -> r.lapse(reason("late"), SUBMITTED));
			case ISSUING -> then(submit(Tier.LOW), (r) -> r.startIssuing(SUBMITTED));
			case ISSUE_UNKNOWN -> then(in(TokenRequestStatus.ISSUING), (r) -> r.issueUnknown(reason("?"), SUBMITTED));
			case FAILED -> then(in(TokenRequestStatus.ISSUING), (r) -> r.issueRefused(reason("no"), false, SUBMITTED));
			case ISSUED -> issued();
			case REVOKED -> then(issued(), (r) -> r.revoked(reason("gone"), LATER));
			case EXPIRED -> then(issued(), (r) -> r.expired(LATER));
		};
	}

	private static TokenRequest then(TokenRequest request, Consumer<TokenRequest> move) {
		move.accept(request);
		return request;
	}

	private static TokenRequest issued() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(SUBMITTED.plusSeconds(30));
		request.issued(TOKEN, "fp-7", LATER);
		return request;
	}

	private static void assertNoToken(TokenRequest request) {
		assertThat(request.getGitlabTokenId()).isNull();
		assertThat(request.getGitlabTokenName()).isNull();
		assertThat(request.getIssuedScopes()).isEmpty();
		assertThat(request.getIssuedAccessLevel()).isNull();
		assertThat(request.getIssuedExpiresOn()).isNull();
		assertThat(request.getTokenFingerprint()).isNull();
	}

	private static TokenRequest submit(Tier tier) {
		TokenRequest.Draft draft = new TokenRequest.Draft(3, "alice", 30,
				new GitLabTarget(GitLabResource.PROJECT, 11, "platform/backend/api"), "ci", null, List.of("read_api"),
				20, LocalDate.parse("2026-12-01"), "Reads the API", null);
		return TokenRequest.submit(draft,
				new PolicyDecision(tier, "rule", new PolicyReason("policy.reason.rule", List.of())), 1, SUBMITTED);
	}

	/**
	 * A reason as the transitions take it; the state machine keeps whatever code and
	 * arguments it is given.
	 */
	private static StatusReason reason(String text) {
		return StatusReason.of("test.reason", text);
	}

}
