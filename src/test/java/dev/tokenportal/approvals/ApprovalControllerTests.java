package dev.tokenportal.approvals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.RequestRefusals;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.SignedIn;
import dev.tokenportal.web.ErrorPages;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The approval queue, the approve button and the reject page in the web slice: what a
 * press answers and what reaches {@link ApprovalService}. Who may decide, and what a
 * decision records, is asked of GitLab and PostgreSQL in {@link ApprovalPagesTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class ApprovalControllerTests {

	private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApprovalService approvals;

	@Autowired
	ApprovalPages pages;

	@Test
	void theQueueShowsWhatTheSignedInOwnerNeedsToDecide() {
		QueuedRequest queued = new QueuedRequest(ID, "r-6f1c", "alice", AccessLevel.named(30), "project",
				"platform/backend/api", "ci-deploy", List.of("api"), AccessLevel.named(30), false,
				LocalDate.of(2030, 1, 31), "Deploys the service from CI", Tier.STANDARD,
				StatusReason.of("policy.reason.standard.default.write"), 0, 1, Instant.parse("2030-01-01T10:00:00Z"),
				false);
		given(this.approvals.queue(argThat((CurrentUser user) -> user.username().equals("carol")),
				eq(QueueFilter.NONE)))
			.willReturn(new ApprovalQueue(List.of(queued), null));

		assertThat(this.mvc.get().uri("/approvals").with(SignedIn.carol())).hasStatusOk()
			.hasViewName("approvals/inbox")
			.bodyText()
			.contains("id=\"queued-r-6f1c\"", "ci-deploy", "@alice", "0 of 1 approvals",
					"action=\"/requests/" + ID + "/approve\"", "href=\"/requests/" + ID + "/reject\"");
	}

	@Test
	void anEmptyQueueSaysSoAndAQueueGitLabCouldNotListSaysWhy() {
		given(this.approvals.queue(any(), any())).willReturn(new ApprovalQueue(List.of(), null));
		assertThat(this.mvc.get().uri("/approvals").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("Nothing is waiting for your approval.");

		given(this.approvals.queue(any(), any())).willReturn(ApprovalQueue.unavailable("approvals.inbox.unavailable"));
		assertThat(this.mvc.get().uri("/approvals").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("id=\"queue-problem\"", "GitLab could not tell the portal which projects and groups you own")
			.doesNotContain("Nothing is waiting");
	}

	@Test
	void aQueueFilterThatCannotBeUsedIsA400NamingItAndAsksNothing() throws Exception {
		for (String uri : List.of("/approvals?after=yesterday", "/approvals?q=" + "a".repeat(300))) {
			MvcTestResult result = this.mvc.get().uri(uri).with(SignedIn.carol()).exchange();
			assertThat(result).as(uri).hasStatus(400).hasViewName("error");
			ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(),
					List.of(uri.contains("after") ? "page link" : "200"));
		}
		then(this.approvals).should(never()).queue(any(), any());
	}

	@Test
	void approvingRedirectsToTheRequestSayingWhetherItIsNowApproved() {
		given(this.approvals.approve(eq(ID), any(), any()))
			.willReturn(new ApprovalResult(ID, TokenRequestStatus.APPROVED, 1, 1));
		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("message", "approvals.flash.approved");

		given(this.approvals.approve(eq(ID), any(), any()))
			.willReturn(new ApprovalResult(ID, TokenRequestStatus.PENDING_APPROVAL, 1, 2));
		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol()).with(csrf())).flash()
			.containsEntry("message", "approvals.flash.approvalRecorded");
	}

	@Test
	void approvingPassesTheCommentOnWithoutItsSurroundingBlanks() {
		given(this.approvals.approve(eq(ID), any(), any()))
			.willReturn(new ApprovalResult(ID, TokenRequestStatus.APPROVED, 1, 1));

		assertThat(this.mvc.post()
			.uri("/requests/" + ID + "/approve")
			.param("comment", "  Fine until the release.\n")
			.with(SignedIn.carol())
			.with(csrf())).hasStatus(302);

		then(this.approvals).should().approve(eq(ID), any(), eq("Fine until the release."));
	}

	@Test
	void aCommentThatCannotBeKeptIsA400NamingTheProblemAndApprovesNothing() throws Exception {
		for (String comment : List.of("x".repeat(501), "here: glpat-Abcdefghij0123456789xy", "bell \u0007")) {
			MvcTestResult result = this.mvc.post()
				.uri("/requests/" + ID + "/approve")
				.param("comment", comment)
				.with(SignedIn.carol())
				.with(csrf())
				.exchange();
			assertThat(result).hasStatus(400);
			assertThat(result.getResponse().getContentAsString())
				.containsAnyOf("The comment can be at most 500 characters long.",
						"The comment looks like it holds a token", "The comment can hold only text")
				.doesNotContain("glpat-Abcdefghij");
		}
		then(this.approvals).should(never()).approve(any(), any(), any());
	}

	@Test
	void aRefusedPressRedirectsWithTheReasonInPlainWords() {
		given(this.approvals.approve(eq(ID), any(), any()))
			.willThrow(ApprovalRefusedException.denied("approvals.refused.alreadyApproved"));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("flashError", "You already approved this request; each Owner counts once.");
	}

	@Test
	void aPressOnARequestThatLapsedMeanwhileIsGoneAndSaysWhy() {
		given(this.approvals.approve(eq(ID), any(), any()))
			.willThrow(RequestRefusals.lapsed(ID, StatusReason.of("requests.reason.lapsed.pending.days", 7)));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol()).with(csrf()))
			.hasStatus(410)
			.hasViewName("requests/lapsed")
			.bodyText()
			.contains(
					"This request lapsed: No Owner decided within 7 days; submit a new request if you still need the token",
					"href=\"/requests/" + ID + "\"");
	}

	@Test
	void aPressOnARequestTheOwnerMayNotSeeIsNotFound() {
		given(this.approvals.approve(eq(ID), any(), any())).willThrow(new TokenRequestNotFoundException(ID));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol()).with(csrf()))
			.hasStatus(404);
	}

	@Test
	void aPressWithoutTheCsrfTokenIsForbiddenAndDecidesNothing() {
		assertThat(this.mvc.post().uri("/requests/" + ID + "/approve").with(SignedIn.carol())).hasStatus(403);
		assertThat(this.mvc.post().uri("/requests/" + ID + "/reject").param("reason", "No.").with(SignedIn.carol()))
			.hasStatus(403);
		then(this.approvals).should(never()).approve(any(), any(), any());
		then(this.approvals).should(never()).reject(any(), any(), any());
	}

	@Test
	void rejectingWithAReasonPassesItOnAndRedirectsToTheRequest() {
		assertThat(this.mvc.post()
			.uri("/requests/" + ID + "/reject")
			.param("reason", "Use the shared deploy token.")
			.with(SignedIn.carol())
			.with(csrf())).hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("message", "approvals.flash.rejected");
		then(this.approvals).should().reject(eq(ID), any(), eq("Use the shared deploy token."));
	}

	@Test
	void theRejectPageAsksForTheReasonBeforeAnythingIsDecided() {
		given(this.pages.rejectable(eq(ID), any())).willReturn(queued());

		assertThat(this.mvc.get().uri("/requests/" + ID + "/reject").with(SignedIn.carol())).hasStatusOk()
			.hasViewName("approvals/reject")
			.bodyText()
			.contains("Reject the request for “ci-deploy”?", "@alice", "platform/backend/api", "name=\"reason\"",
					"action=\"/requests/" + ID + "/reject\"", "href=\"/requests/" + ID + "\"");
		then(this.approvals).should(never()).reject(any(), any(), any());
	}

	@Test
	void theRejectPageOfARequestTheOwnerCannotRejectNowSendsThemBackSayingWhy() {
		given(this.pages.rejectable(eq(ID), any()))
			.willThrow(ApprovalRefusedException.denied("approvals.refused.notWaiting.APPROVED"));

		assertThat(this.mvc.get().uri("/requests/" + ID + "/reject").with(SignedIn.carol())).hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("flashError", "This request is no longer waiting for approval: it is approved.");
	}

	@Test
	void rejectingWithoutAReasonOrWithTooLongAOneIsA400OnTheRejectPageAndRejectsNothing() {
		given(this.pages.rejectable(eq(ID), any())).willReturn(queued());
		String token = "glpat-AbCdEfGhIjKlMnOpQrSt1234";
		for (String reason : new String[] { null, "   ", "x".repeat(2001), "use " + token + " instead" }) {
			var post = this.mvc.post().uri("/requests/" + ID + "/reject").with(SignedIn.carol()).with(csrf());
			if (reason != null) {
				post = post.param("reason", reason);
			}
			assertThat(post).hasStatus(400)
				.hasViewName("approvals/reject")
				.bodyText()
				.contains("id=\"reason-error\"", "aria-invalid=\"true\"",
						(reason != null && reason.length() > 2000) ? "The reason can be at most 2000 characters long."
								: (reason != null && reason.contains(token)) ? "looks like it holds a GitLab token"
										: "Give a reason for the rejection; the requester will read it.");
		}
		then(this.approvals).should(never()).reject(any(), any(), anyString());
	}

	private static QueuedRequest queued() {
		return new QueuedRequest(ID, "r-6f1c", "alice", AccessLevel.named(30), "project", "platform/backend/api",
				"ci-deploy", List.of("api"), AccessLevel.named(30), false, LocalDate.of(2030, 1, 31),
				"Deploys the service from CI", Tier.STANDARD, StatusReason.of("policy.reason.standard.default.write"),
				0, 1, Instant.parse("2030-01-01T10:00:00Z"), false);
	}

	@Test
	void anIdThatCannotExistIsNotFound() {
		assertThat(this.mvc.post()
			.uri("/requests/not-a-uuid/reject")
			.param("reason", "no")
			.with(SignedIn.carol())
			.with(csrf())).hasStatus(404).bodyText().contains("There is nothing here");
		assertThat(this.mvc.post().uri("/requests/not-a-uuid/approve").with(SignedIn.carol()).with(csrf()))
			.hasStatus(404)
			.bodyText()
			.contains("There is nothing here");
		then(this.approvals).should(never()).approve(any(), any(), any());
	}

}
