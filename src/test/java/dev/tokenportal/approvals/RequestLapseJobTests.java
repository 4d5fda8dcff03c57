package dev.tokenportal.approvals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceFailedException;
import dev.tokenportal.issuance.IssuanceService;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
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

	private static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

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
		assertThat(reasonOf(lapsed)).contains("No Owner decided within 7 days");
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("actor_username", "system").containsEntry("outcome", "SUCCESS");
			assertThat(event.get("actor_id")).isNull();
			assertThat((String) event.get("details")).contains("PENDING_APPROVAL");
		});
	}

	@Test
	void aLapsedRequestStoresTheCodeAndItsDaysAndItsPageSaysTheSentence() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		this.job.lapseOverdue(request.getCreatedAt().plus(Duration.ofDays(8)));

		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT status_reason, status_reason_code, "
						+ "array_to_string(status_reason_args, '|') AS args FROM token_request WHERE id = ?",
				request.getId());
		assertThat(row).containsEntry("status_reason_code", "requests.reason.lapsed.pending.days")
			.containsEntry("args", "7")
			.containsEntry("status_reason", null);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		assertThat(alice.get("/requests/" + request.getId()).body())
			.contains("Reason: No Owner decided within 7 days; submit a new request if you still need the token");
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
		assertThat(reasonOf(lapsed)).contains("The token was not created within 7 days of the approval");
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
		age(request, 6);
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
			.satisfies((ex) -> assertThat(english(ex))
				.isEqualTo("This request is no longer waiting for approval: it is lapsed."));
	}

	@Test
	void anOwnerApprovingAnOverdueRequestBeforeTheJobRanFindsItLapsed() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		age(request, 8);
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		this.sandbox.faults().clearCalls();

		PortalHttp.Response response = IssuanceTestSupport.post(carol, request.getId(), "approve");

		assertLapsedAtTheMomentOfAction(response, request, "No Owner decided within 7 days");
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved")).isEmpty();
	}

	@Test
	void anOwnerRejectingAnOverdueRequestBeforeTheJobRanFindsItLapsed() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		age(request, 8);
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, "carol");
		this.sandbox.faults().clearCalls();

		PortalHttp.Response response = carol.post("/requests/" + request.getId() + "/reject",
				Map.of("_csrf", IssuanceTestSupport.csrf(carol), "reason", "Use the shared deploy token."));

		assertLapsedAtTheMomentOfAction(response, request, "No Owner decided within 7 days");
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "request.rejected")).isEmpty();
	}

	@Test
	void creatingTheTokenOfAnOverdueApprovalBeforeTheJobRanFindsItLapsed() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		age(request, 8);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		this.sandbox.faults().clearCalls();

		PortalHttp.Response response = IssuanceTestSupport.post(alice, request.getId(), "create");

		assertLapsedAtTheMomentOfAction(response, request, "The token was not created within 7 days of the approval");
		assertThat(this.fixtures.auditOf(request.getId(), "issuance.started")).isEmpty();
	}

	@Test
	void sayingTheTokenNeverArrivedDoesNotRestartTheWeekFromApproval() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		assertThat(IssuanceTestSupport.post(alice, request.getId(), "create").status()).isEqualTo(200);
		// approved and created eight days ago; only today does the requester say the page
		// with the value never arrived
		age(request, 8);
		assertThat(IssuanceTestSupport.post(alice, request.getId(), "not-received").status()).isEqualTo(302);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		this.sandbox.faults().clearCalls();

		PortalHttp.Response response = IssuanceTestSupport.post(alice, request.getId(), "create");

		assertLapsedAtTheMomentOfAction(response, request, "The token was not created within 7 days of the approval");
	}

	@Test
	void theJobAgreesThatSayingTheTokenNeverArrivedDoesNotRestartTheWeek() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		assertThat(IssuanceTestSupport.post(alice, request.getId(), "create").status()).isEqualTo(200);
		age(request, 8);
		assertThat(IssuanceTestSupport.post(alice, request.getId(), "not-received").status()).isEqualTo(302);

		this.job.lapseOverdue();

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).hasSize(1);
	}

	private void assertLapsedAtTheMomentOfAction(PortalHttp.Response response, TokenRequest request, String why) {
		assertThat(response.status()).isEqualTo(410);
		assertThat(response.body()).contains("This request lapsed", why, "submit a new request");
		TokenRequest lapsed = this.fixtures.reload(request.getId());
		assertThat(lapsed.getStatus()).isEqualTo(TokenRequestStatus.LAPSED);
		assertThat(reasonOf(lapsed)).contains(why);
		assertThat(this.fixtures.auditOf(request.getId(), "request.lapsed")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("outcome", "SUCCESS"));
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).as("creates sent to GitLab").isEmpty();
	}

	/**
	 * Moves every moment the request remembers back by whole days, as if all of it had
	 * happened that much earlier.
	 */
	private void age(TokenRequest request, int days) {
		List<String> moments = this.jdbc.queryForList(
				"select column_name from information_schema.columns "
						+ "where table_name = 'token_request' and data_type = 'timestamp with time zone'",
				String.class);
		String shifts = moments.stream()
			.map((column) -> column + " = " + column + " - interval '" + days + " days'")
			.collect(Collectors.joining(", "));
		this.jdbc.update("update token_request set " + shifts + " where id = ?", request.getId());
	}

	/**
	 * The request's status reason as an English reader sees it: the database keeps a
	 * code, the bundle the words.
	 */
	private String reasonOf(TokenRequest request) {
		return this.messages.getMessage(request.getStatusReason(), Locale.ENGLISH);
	}

	/**
	 * A refusal as the person who pressed reads it, in English from the bundle.
	 */
	private String english(MessageSourceResolvable message) {
		return this.messages.getMessage(message, Locale.ENGLISH);
	}

}
