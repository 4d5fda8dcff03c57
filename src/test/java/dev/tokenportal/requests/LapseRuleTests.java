package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.tokenportal.policy.PolicyReason;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lapse rule on the request's own transitions: which moments start the week an
 * approved request has for its token, and which do not.
 *
 * @author Token Portal team
 */
class LapseRuleTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-02T09:00:00Z");

	private final LapseRule rule = new LapseRule(Duration.ofDays(7), Duration.ofDays(7));

	@Test
	void aPendingRequestLapsesSevenDaysAfterSubmission() {
		TokenRequest request = submit(Tier.STANDARD);

		assertThat(this.rule.overdue(request, SUBMITTED.plus(Duration.ofDays(7)))).isNull();
		assertThat(this.rule.overdue(request, SUBMITTED.plus(Duration.ofDays(7)).plusSeconds(1)))
			.isEqualTo(StatusReason.of("requests.reason.lapsed.pending.days", 7));
	}

	@Test
	void theReasonNamesTheUnitSoTheBundleSaysOneDayOrHours() {
		LapseRule short_ = new LapseRule(Duration.ofDays(1), Duration.ofHours(12));
		TokenRequest pending = submit(Tier.STANDARD);
		assertThat(short_.overdue(pending, SUBMITTED.plus(Duration.ofDays(2))))
			.isEqualTo(StatusReason.of("requests.reason.lapsed.pending.day", 1));

		TokenRequest approved = submit(Tier.LOW);
		assertThat(short_.overdue(approved, SUBMITTED.plus(Duration.ofDays(2))))
			.isEqualTo(StatusReason.of("requests.reason.lapsed.approved.hours", 12));
	}

	@Test
	void anApprovedRequestHasSevenDaysFromItsApproval() {
		TokenRequest request = submit(Tier.STANDARD);
		Instant approved = SUBMITTED.plus(Duration.ofDays(5));
		request.approve(approved);

		assertThat(this.rule.lapsesAt(request)).isEqualTo(approved.plus(Duration.ofDays(7)));
		assertThat(this.rule.overdue(request, approved.plus(Duration.ofDays(8))))
			.isEqualTo(StatusReason.of("requests.reason.lapsed.approved.days", 7));
	}

	@Test
	void sayingTheTokenNeverArrivedKeepsTheWeekFromApproval() {
		TokenRequest request = submit(Tier.LOW);
		request.startIssuing(SUBMITTED.plusSeconds(60));
		request.issued(new TokenRequest.IssuedToken(7, "ci", List.of("read_api"), 20, null), "fp",
				SUBMITTED.plusSeconds(61));

		request.notReceived(SUBMITTED.plus(Duration.ofDays(6)));

		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(this.rule.lapsesAt(request)).isEqualTo(SUBMITTED.plus(Duration.ofDays(7)));
	}

	@Test
	void aRefusedOrReconciledCreateStartsAFreshWeekButAWithdrawnClaimDoesNot() {
		TokenRequest request = submit(Tier.LOW);
		Instant refused = SUBMITTED.plus(Duration.ofDays(3));
		request.startIssuing(refused);
		request.issueRefused(reason("GitLab was busy"), true, refused);
		assertThat(this.rule.lapsesAt(request)).isEqualTo(refused.plus(Duration.ofDays(7)));

		Instant reconciled = SUBMITTED.plus(Duration.ofDays(5));
		request.startIssuing(reconciled);
		request.issueUnknown(reason("answer lost"), reconciled);
		request.reconciled(reason("nothing was made"), reconciled);
		assertThat(this.rule.lapsesAt(request)).isEqualTo(reconciled.plus(Duration.ofDays(7)));

		request.startIssuing(SUBMITTED.plus(Duration.ofDays(6)));
		request.claimWithdrawn(reason("hourly limit"), SUBMITTED.plus(Duration.ofDays(6)));
		assertThat(this.rule.lapsesAt(request)).isEqualTo(reconciled.plus(Duration.ofDays(7)));
	}

	@Test
	void decidedRequestsNeverLapse() {
		TokenRequest request = submit(Tier.STANDARD);
		request.reject(reason("not needed"), SUBMITTED.plusSeconds(60));

		assertThat(this.rule.lapsesAt(request)).isNull();
		assertThat(this.rule.overdue(request, SUBMITTED.plus(Duration.ofDays(60)))).isNull();
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
