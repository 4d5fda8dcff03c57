package dev.tokenportal.issuance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.RequestRefusals;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.SignedIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The token buttons in the web slice: a new token's value is in the answer to the POST
 * that made it and must not be kept by any cache; each refusal has its own status and
 * page; revoke and rotate ask first. What GitLab and the database do is in
 * {@link IssuanceIntegrationTests} and {@link TokenLifecycleIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class IssuanceControllerTests {

	private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");

	private static final String VALUE = "glpat-slice-test-value";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	IssuanceService issuance;

	@Autowired
	RevocationService revocation;

	@Autowired
	RotationService rotation;

	@Test
	void aCreatedTokenIsShownOnceInTheAnswerAndNeverCached() {
		given(this.issuance.create(eq(ID), any(), any())).willReturn(IssuanceService.Creation.shown(token(false)));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/create").with(SignedIn.alice()).with(csrf())).hasStatusOk()
			.hasViewName("tokens/created")
			.hasHeader("Cache-Control", "no-store, no-cache, max-age=0, must-revalidate")
			.hasHeader("Pragma", "no-cache")
			.bodyText()
			.contains(VALUE, "ci-reader", "platform/backend/api");
	}

	@Test
	void aSecondPressIsAConflictThatSaysWhereTheRequestStands() {
		given(this.issuance.create(eq(ID), any(), any()))
			.willThrow(new TokenActionConflictException(ID, TokenRequestStatus.ISSUED));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/create").with(SignedIn.alice()).with(csrf()))
			.hasStatus(409)
			.hasViewName("tokens/conflict")
			.bodyText()
			.contains("href=\"/requests/" + ID + "\"");
	}

	@Test
	void aRefusalRedirectsToTheRequestWithWhatToDo() {
		given(this.issuance.create(eq(ID), any(), any())).willThrow(new TokenActionRefusedException(ID,
				StatusReason.of("issuance.refusal.notAllowedInGroup", "legacy/app", "legacy")));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/create").with(SignedIn.alice()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.hasEntrySatisfying("flashError", (text) -> assertThat(text).asString()
				.startsWith("GitLab does not allow access tokens to be created in legacy/app. Either the Owners of "
						+ "the top-level group \"legacy\" must enable"));
	}

	@Test
	void aFailureAfterGitLabMayHaveActedHasItsStatusAndIsNeverCached() {
		given(this.issuance.create(eq(ID), any(), any())).willThrow(new IssuanceFailedException(ID,
				HttpStatus.BAD_GATEWAY, StatusReason.of("issuance.failed.answerLost.pending")));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/create").with(SignedIn.alice()).with(csrf()))
			.hasStatus(502)
			.hasViewName("tokens/failed")
			.hasHeader("Cache-Control", "no-store, no-cache, max-age=0, must-revalidate")
			.bodyText()
			.contains("GitLab&#39;s answer was lost on the way and GitLab cannot be asked right now. The portal will "
					+ "check GitLab and revoke any token it made for this request; then you can press Create token "
					+ "again.");
	}

	@Test
	void aPressOnARequestThatLapsedMeanwhileIsGone() {
		given(this.issuance.create(eq(ID), any(), any()))
			.willThrow(RequestRefusals.lapsed(ID, StatusReason.of("requests.reason.lapsed.approved.days", 7)));

		assertThat(this.mvc.post().uri("/requests/" + ID + "/create").with(SignedIn.alice()).with(csrf()))
			.hasStatus(410)
			.hasViewName("requests/lapsed");
	}

	@Test
	void everyTokenButtonNeedsTheCsrfToken() {
		for (String action : new String[] { "create", "not-received", "revoke", "rotate" }) {
			assertThat(this.mvc.post().uri("/requests/" + ID + "/" + action).with(SignedIn.alice())).as(action)
				.hasStatus(403);
		}
		then(this.issuance).should(never()).create(any(), any(), any());
		then(this.issuance).should(never()).notReceived(any(), any());
		then(this.revocation).should(never()).revoke(any(), any(), any(), anyBoolean());
		then(this.rotation).should(never()).rotate(any(), any());
	}

	@Test
	void notReceivedRedirectsToTheRequestWithAMessage() {
		assertThat(this.mvc.post().uri("/requests/" + ID + "/not-received").with(SignedIn.alice()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("message", "issuance.notReceived.done");
		then(this.issuance).should().notReceived(eq(ID), any());
	}

	@Test
	void revokingAsksFirstThenReturnsOnlyToAnAllowedPage() {
		given(this.revocation.confirmRevoke(eq(ID), any(), eq("tokens"))).willReturn(confirmation("revoke", "tokens"));
		assertThat(this.mvc.get().uri("/requests/" + ID + "/revoke?returnTo=tokens").with(SignedIn.alice()))
			.hasStatusOk()
			.hasViewName("tokens/confirm")
			.bodyText()
			.contains("action=\"/requests/" + ID + "/revoke\"", "name=\"returnTo\" value=\"tokens\"");
		given(this.revocation.revoke(eq(ID), any(), any(), anyBoolean()))
			.willReturn(new RevocationService.Revocation(mock(TokenRequest.class), null));

		assertThat(this.mvc.post()
			.uri("/requests/" + ID + "/revoke")
			.param("returnTo", "tokens")
			.param("reason", "Leaked in a log")
			.with(SignedIn.alice())
			.with(csrf())).hasStatus(302).hasRedirectedUrl("/tokens");
		then(this.revocation).should().revoke(eq(ID), any(), eq("Leaked in a log"), eq(false));
		assertThat(this.mvc.post()
			.uri("/requests/" + ID + "/revoke")
			.param("returnTo", "https://evil.example/")
			.with(SignedIn.alice())
			.with(csrf())).hasStatus(302).hasRedirectedUrl("/requests/" + ID);
	}

	@Test
	void aRefusedRevokeRedirectsWithTheReason() {
		willThrow(new TokenActionRefusedException(ID, StatusReason.of("issuance.refusal.ownerUnconfirmed")))
			.given(this.revocation)
			.revoke(eq(ID), any(), any(), anyBoolean());

		assertThat(this.mvc.post().uri("/requests/" + ID + "/revoke").with(SignedIn.carol()).with(csrf()))
			.hasStatus(302)
			.flash()
			.containsEntry("flashError", "GitLab could not confirm that you are an Owner of this token's project or "
					+ "group; nothing was changed. Try again in a moment.");
	}

	@Test
	void rotatingShowsTheNewValueOnceOrRedirectsToTheRenewalAwaitingApproval() {
		given(this.rotation.confirmRotate(eq(ID), any(), any())).willReturn(confirmation("rotate", null));
		assertThat(this.mvc.get().uri("/requests/" + ID + "/rotate").with(SignedIn.alice())).hasStatusOk()
			.hasViewName("tokens/confirm")
			.bodyText()
			.contains("action=\"/requests/" + ID + "/rotate\"");

		given(this.rotation.rotate(eq(ID), any())).willReturn(new RotationService.Rotation(token(true), null));
		assertThat(this.mvc.post().uri("/requests/" + ID + "/rotate").with(SignedIn.alice()).with(csrf())).hasStatusOk()
			.hasViewName("tokens/created")
			.hasHeader("Cache-Control", "no-store, no-cache, max-age=0, must-revalidate")
			.bodyText()
			.contains(VALUE);

		UUID renewalId = UUID.randomUUID();
		TokenRequest renewal = mock(TokenRequest.class);
		given(renewal.getId()).willReturn(renewalId);
		given(this.rotation.rotate(eq(ID), any())).willReturn(new RotationService.Rotation(null, renewal));
		assertThat(this.mvc.post().uri("/requests/" + ID + "/rotate").with(SignedIn.alice()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + renewalId)
			.flash()
			.containsEntry("message", "issuance.rotate.renewalSubmitted");
	}

	@Test
	void anIdThatCannotExistIsNotFoundOnEveryTokenButton() {
		for (String action : new String[] { "revoke", "rotate" }) {
			assertThat(this.mvc.get().uri("/requests/not-a-uuid/" + action).with(SignedIn.alice())).as(action)
				.hasStatus(404)
				.bodyText()
				.contains("There is nothing here");
		}
		for (String action : new String[] { "create", "not-received", "revoke", "rotate" }) {
			assertThat(this.mvc.post().uri("/requests/not-a-uuid/" + action).with(SignedIn.alice()).with(csrf()))
				.as(action)
				.hasStatus(404)
				.bodyText()
				.contains("There is nothing here");
		}
		then(this.issuance).should(never()).create(any(), any(), any());
	}

	private static CreatedToken token(boolean rotation) {
		return new CreatedToken(ID, "r-6f1c", "platform/backend/api", "ci-reader", List.of("read_api"),
				AccessLevel.named(20), LocalDate.of(2030, 1, 31), 4242, rotation, null, VALUE);
	}

	private static TokenActionConfirmation confirmation(String action, String returnTo) {
		return new TokenActionConfirmation(action, ID, "r-6f1c", "ci-reader", 4242L, "platform/backend/api",
				List.of("read_api"), AccessLevel.named(20), LocalDate.of(2030, 1, 31), returnTo);
	}

}
