package dev.tokenportal.approvals;

import java.time.Duration;
import java.time.Instant;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceFailedException;
import dev.tokenportal.issuance.IssuanceService;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static dev.tokenportal.approvals.ApprovalFixtures.CAROL;
import static dev.tokenportal.approvals.ApprovalFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Requests that wait too long lapse: pending ones seven days after submission, approved
 * ones seven days after approval when no token was created. The job is run by hand at a
 * chosen moment.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class RequestLapseJobTests {

	@Autowired
	RequestLapseJob job;

	@Autowired
	ApprovalService approvals;

	@Autowired
	TokenRequestService requests;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IssuanceService issuance;

	ApprovalFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
	}

	@Test
	void aPendingRequestLapsesSevenDaysAfterSubmission() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		Instant submitted = request.getCreatedAt();

		this.job.lapseOverdue(submitted.plus(Duration.ofDays(7)).minusSeconds(60));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);

		this.job.lapseOverdue(submitted.plus(Duration.ofDays(7)).plusSeconds(60));
		TokenRequest lapsed = this.fixtures.reload(request.getId());
		assertThat(lapsed.getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
		assertThat(lapsed.getStatusReason()).contains("No Owner decided within 7 days");
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("actor_username", "system").containsEntry("outcome", "SUCCESS");
			assertThat(event.get("actor_id")).isNull();
			assertThat((String) event.get("details")).contains("PENDING_APPROVAL");
		});
	}

	@Test
	void anApprovedRequestWithoutATokenLapsesSevenDaysAfterApproval() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));
		Instant approvedAt = this.fixtures.reload(request.getId()).getApprovedAt();

		this.job.lapseOverdue(approvedAt.plus(Duration.ofDays(6)));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);

		this.job.lapseOverdue(approvedAt.plus(Duration.ofDays(7)).plusSeconds(60));
		TokenRequest lapsed = this.fixtures.reload(request.getId());
		assertThat(lapsed.getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
		assertThat(lapsed.getStatusReason()).contains("The token was not created within 7 days of the approval");
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).singleElement()
			.satisfies((event) -> assertThat((String) event.get("details")).contains("APPROVED"));
	}

	@Test
	void anApprovalGivenBackAfterALostCreateStartsAFreshWeek() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));
		// approved six days ago; today the create's answer was lost and reconciliation
		// gave
		// the request back
		this.jdbc.update("update token_request set approved_at = approved_at - interval '6 days', "
				+ "updated_at = updated_at - interval '6 days' where id = ?", request.getId());
		this.sandbox.faults().on("POST", "/api/v4/projects/*/access_tokens").dropConnectionAfterAction().times(1);
		assertThatExceptionOfType(IssuanceFailedException.class)
			.isThrownBy(() -> as(ALICE, () -> this.issuance.create(request.getId(), ALICE)));
		TokenRequest given = this.fixtures.reload(request.getId());
		assertThat(given.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);

		this.job.lapseOverdue(given.getUpdatedAt().plus(Duration.ofDays(2)));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);

		this.job.lapseOverdue(given.getUpdatedAt().plus(Duration.ofDays(7)).plusSeconds(60));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
	}

	@Test
	void decidedRequestsNeverLapse() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "not needed"));

		this.job.lapseOverdue(request.getCreatedAt().plus(Duration.ofDays(30)));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).isEmpty();
	}

	@Test
	void runningTheJobNowLeavesAFreshRequestAlone() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		this.job.lapseOverdue();

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	@Test
	void aLapsedRequestCanNoLongerBeApproved() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.job.lapseOverdue(request.getCreatedAt().plus(Duration.ofDays(8)));

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)))
			.withMessage("This request is no longer waiting for approval: it is lapsed.");
	}

}
