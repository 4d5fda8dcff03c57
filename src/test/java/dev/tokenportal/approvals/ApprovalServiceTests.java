package dev.tokenportal.approvals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static dev.tokenportal.approvals.ApprovalFixtures.BOB;
import static dev.tokenportal.approvals.ApprovalFixtures.CAROL;
import static dev.tokenportal.approvals.ApprovalFixtures.DAVE;
import static dev.tokenportal.approvals.ApprovalFixtures.ERIN;
import static dev.tokenportal.approvals.ApprovalFixtures.MALLORY;
import static dev.tokenportal.approvals.ApprovalFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Approving and rejecting as the service does it: eligibility asked of GitLab (the
 * sandbox) at the moment of the decision, each Owner counted once, the requester never
 * deciding on their own request, every decision and refusal audited, and never a write to
 * GitLab.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ApprovalServiceTests {

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

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
	}

	@AfterEach
	void noWriteToGitLab() {
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/**")).as("GitLab writes").isEmpty();
		assertThat(this.sandbox.faults().calls("PUT", "/api/v4/**")).as("GitLab writes").isEmpty();
		assertThat(this.sandbox.faults().calls("DELETE", "/api/v4/**")).as("GitLab writes").isEmpty();
	}

	@Test
	void standardRequestIsApprovedByOneOwnerOfTheTarget() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		ApprovalResult result = as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));

		assertThat(result.status()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(result.approvals()).isEqualTo(1);
		TokenRequest approved = this.fixtures.reload(request.getId());
		assertThat(approved.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(approved.getApprovedAt()).isNotNull();
		List<Map<String, Object>> rows = this.fixtures.approvalsOf(request.getId());
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("approver_id", SandboxSeed.CAROL_ID)
				.containsEntry("approver_name", "carol")
				.containsEntry("decision", "APPROVED")
				.containsEntry("access_level", 50));
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved")).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("actor_username", "carol").containsEntry("outcome", "SUCCESS");
			assertThat((String) event.get("details")).contains("1 of 1", "APPROVED");
		});
	}

	@Test
	void inheritedOwnershipCountsForApproval() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		// bob owns the top group platform, not platform/backend/api directly
		ApprovalResult result = as(BOB, () -> this.approvals.approve(request.getId(), BOB));

		assertThat(result.status()).isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void aGroupRequestIsDecidedByTheGroupsOwners() {
		TokenRequest request = this.fixtures.highOnGroup(ALICE, SandboxSeed.PLATFORM_BACKEND_ID);

		// erin is no member of platform/backend: for her there is no such request
		assertThatExceptionOfType(TokenRequestNotFoundException.class)
			.isThrownBy(() -> as(ERIN, () -> this.approvals.approve(request.getId(), ERIN)));
		as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));
		ApprovalResult result = as(BOB, () -> this.approvals.approve(request.getId(), BOB));

		assertThat(result.status()).isEqualTo(TokenRequestStatus.APPROVED);
		for (long owner : new long[] { SandboxSeed.CAROL_ID, SandboxSeed.BOB_ID }) {
			assertThat(this.sandbox.faults().calls("GET", "/api/v4/groups/101/members/all/" + owner))
				.as("asked GitLab about the group's members live")
				.hasSize(1);
		}
	}

	@Test
	void highRequestNeedsTwoDistinctOwnersAndTheSameOwnerTwiceDoesNotCount() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);

		ApprovalResult first = as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));
		assertThat(first.status()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(first.approvals()).isEqualTo(1);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)))
			.satisfies((ex) -> assertThat(english(ex))
				.isEqualTo("You already approved this request; each Owner counts once."));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(1);

		ApprovalResult second = as(BOB, () -> this.approvals.approve(request.getId(), BOB));
		assertThat(second.status()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(second.approvals()).isEqualTo(2);
		assertThat(this.fixtures.approvalsOf(request.getId())).extracting((row) -> row.get("approver_name"))
			.containsExactly("carol", "bob");
		assertThat(this.fixtures.auditOf(request.getId(), "request.approved"))
			.extracting((event) -> (String) event.get("details"))
			.satisfiesExactly((details) -> assertThat(details).contains("1 of 2"),
					(details) -> assertThat(details).contains("2 of 2"));
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).singleElement()
			.satisfies((event) -> assertThat((String) event.get("details")).contains("already approved"));
	}

	@Test
	void anOwnerCannotApproveTheirOwnRequest() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(BOB, () -> this.approvals.approve(request.getId(), BOB)))
			.satisfies((ex) -> assertThat(english(ex))
				.contains("You cannot approve your own request, even as an Owner or portal admin"))
			.satisfies((ex) -> assertThat(english(ex)).contains("another Owner of platform/backend/api must decide"));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("actor_username", "bob")
				.containsEntry("outcome", "DENIED"));
		// another Owner still can
		assertThat(as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)).status())
			.isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void aPortalAdminCannotApproveTheirOwnRequest() {
		TokenRequest request = this.fixtures.standard(ERIN, SandboxSeed.WEB_ID);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(ERIN, () -> this.approvals.approve(request.getId(), ERIN)))
			.satisfies((ex) -> assertThat(english(ex)).contains("your own request, even as an Owner or portal admin"));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).hasSize(1);
	}

	@Test
	void aRequesterCannotRejectTheirOwnRequestEither() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(BOB, () -> this.approvals.reject(request.getId(), BOB, "changed my mind")))
			.satisfies((ex) -> assertThat(english(ex)).contains("You cannot reject your own request"))
			.satisfies((ex) -> assertThat(english(ex)).contains("Cancel it instead"));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	@Test
	void someoneWhoIsNotAMemberOfTheTargetIsToldThereIsNoSuchRequest() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.sandbox.faults().clearCalls();

		assertThatExceptionOfType(TokenRequestNotFoundException.class)
			.isThrownBy(() -> as(MALLORY, () -> this.approvals.approve(request.getId(), MALLORY)));

		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/11/members/all/8")).as("asked GitLab live")
			.hasSize(1);
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "access.denied")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("actor_username", "mallory")
				.containsEntry("outcome", "DENIED"));
	}

	@Test
	void aMemberBelowOwnerWhoMayNotSeeTheRequestIsToldThereIsNone() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);

		assertThatExceptionOfType(TokenRequestNotFoundException.class)
			.isThrownBy(() -> as(ALICE, () -> this.approvals.approve(request.getId(), ALICE)));

		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
	}

	@Test
	void anAuditorBelowOwnerMaySeeTheRequestAndIsRefusedWithTheirRole() {
		TokenRequest request = this.fixtures.standard(BOB, SandboxSeed.API_ID);
		this.sandbox.state().addMember(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.DAVE, 30);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(DAVE, () -> this.approvals.approve(request.getId(), DAVE)))
			.satisfies((ex) -> assertThat(english(ex))
				.contains("GitLab says you are Developer, not Owner, of platform/backend/api"));

		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
	}

	@Test
	void anOwnerDemotedInGitLabNoLongerSeesTheRequestAtTheMomentOfTheDecision() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.CAROL, 40);

		assertThatExceptionOfType(TokenRequestNotFoundException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	@Test
	void aGitLabFailureDuringTheEligibilityCheckRefusesAndNeverApproves() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/members/all/*")
			.respond(500, "{\"message\":\"500 Internal Server Error\"}");

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)))
			.satisfies((ex) -> assertThat(english(ex))
				.isEqualTo("GitLab could not confirm right now that you are an Owner of this request's project or "
						+ "group, so nothing was decided. Try again in a moment."));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(this.fixtures.auditOf(request.getId(), "approval.refused")).singleElement()
			.satisfies((event) -> assertThat(event).containsEntry("outcome", "FAILURE"));

		this.sandbox.faults().clear();
		assertThat(as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)).status())
			.isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void gitLabAskingToSlowDownRefusesAndSaysHowLongToWait() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		this.sandbox.faults().on("GET", "/api/v4/projects/*/members/all/*").rateLimit(600);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "not needed")))
			.satisfies((ex) -> assertThat(english(ex)).contains("GitLab asked the portal to wait 600 seconds"));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	@Test
	void aRejectionEndsTheRequestWithTheReasonForTheRequester() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		as(BOB, () -> this.approvals.approve(request.getId(), BOB));

		ApprovalResult result = as(CAROL,
				() -> this.approvals.reject(request.getId(), CAROL, "  Use the existing deploy token instead.  "));

		assertThat(result.status()).isEqualTo(TokenRequestStatus.REJECTED);
		TokenRequest rejected = this.fixtures.reload(request.getId());
		assertThat(rejected.getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
		assertThat(rejected.getStatusReason()).as("the Owner\'s words, as the argument of a code")
			.isEqualTo(StatusReason.of(StatusReason.REJECTED, "Use the existing deploy token instead."));
		assertThat(this.fixtures.approvalsOf(request.getId())).extracting((row) -> row.get("decision"))
			.containsExactly("APPROVED", "REJECTED");
		assertThat(this.fixtures.auditOf(request.getId(), "request.rejected")).singleElement().satisfies((event) -> {
			assertThat(event).containsEntry("actor_username", "carol");
			assertThat((String) event.get("details")).contains("Use the existing deploy token instead.");
		});
		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(request.getId(), CAROL)))
			.satisfies((ex) -> assertThat(english(ex)).isEqualTo("You already rejected this request."));
	}

	@Test
	void aDecidedRequestCannotBeDecidedAgain() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "not needed"));

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(BOB, () -> this.approvals.approve(request.getId(), BOB)))
			.satisfies((ex) -> assertThat(english(ex))
				.isEqualTo("This request is no longer waiting for approval: it is rejected."));
		assertThat(this.fixtures.approvalsOf(request.getId())).hasSize(1);
	}

	@Test
	void aRejectionNeedsAReasonOfAtMost2000Characters() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "   ")))
			.satisfies((ex) -> assertThat(english(ex))
				.isEqualTo("Give a reason for the rejection; the requester will read it."));
		assertThatExceptionOfType(ApprovalRefusedException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "x".repeat(2001))))
			.satisfies((ex) -> assertThat(english(ex)).isEqualTo("The reason can be at most 2000 characters long."));

		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(this.fixtures.approvalsOf(request.getId())).isEmpty();
		assertThat(as(CAROL, () -> this.approvals.reject(request.getId(), CAROL, "x".repeat(2000))).status())
			.isEqualTo(TokenRequestStatus.REJECTED);
	}

	@Test
	void theSummaryCountsApprovalsAndKnowsWhoDecided() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		as(CAROL, () -> this.approvals.approve(request.getId(), CAROL));

		ApprovalSummary summary = as(ALICE, () -> this.approvals.summary(request.getId()));

		assertThat(summary.approvals()).isEqualTo(1);
		assertThat(summary.decidedBy(SandboxSeed.CAROL_ID)).isTrue();
		assertThat(summary.decidedBy(SandboxSeed.BOB_ID)).isFalse();
		assertThat(summary.decisions()).singleElement()
			.satisfies((decision) -> assertThat(decision.accessLevel().getCodes()).contains("accessLevel.50"));
	}

	@Test
	void anUnknownRequestIsNotFound() {
		assertThatExceptionOfType(TokenRequestNotFoundException.class)
			.isThrownBy(() -> as(CAROL, () -> this.approvals.approve(UUID.randomUUID(), CAROL)));
	}

	@Test
	void decisionsNeedASignedInUser() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);

		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> this.approvals.approve(request.getId(), CAROL));
		assertThat(this.fixtures.reload(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	/**
	 * A refusal as the person who pressed reads it, in English from the bundle.
	 */
	private String english(MessageSourceResolvable message) {
		return this.messages.getMessage(message, Locale.ENGLISH);
	}

}
