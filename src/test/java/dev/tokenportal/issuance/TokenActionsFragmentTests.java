package dev.tokenportal.issuance;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequestStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token buttons of a request's page ({@code tokens/_actions.html}), rendered by the
 * portal's own template engine against a model with exactly the accessors of the request
 * page's view: who sees which button in which state.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenActionsFragmentTests {

	private static final UUID ID = UUID.fromString("0b7e7f4c-1a2b-4c3d-8e9f-0123456789ab");

	@Autowired
	ITemplateEngine templates;

	@Autowired
	ApplicationContext application;

	@Test
	void requesterOfAnApprovedRequestSeesCreateToken() {
		String html = render(view(TokenRequestStatus.APPROVED, true, false, false));
		assertThat(html).contains("action=\"/requests/" + ID + "/create\"", "Create token", "shown once")
			.doesNotContain("/revoke", "/rotate", "/not-received");
	}

	@Test
	void requesterOfARequestAwaitingAChangeIsAskedToTryAgainOnceItChanged() {
		TokenRequestView view = view(TokenRequestStatus.APPROVED, true, false, false);
		String html = render(new TokenRequestView(view.id(), view.shortId(), view.status(), true,
				view.requesterUsername(), view.targetPath(), null, null, true, false, false));
		assertThat(html).contains("action=\"/requests/" + ID + "/create\"", ">Try again<", "Once what is named above")
			.doesNotContain(">Create token<", "granted");
	}

	@Test
	void approverOfAnApprovedRequestSeesNoCreateButton() {
		assertThat(render(view(TokenRequestStatus.APPROVED, false, true, false))).doesNotContain("/create");
	}

	@Test
	void requesterOfAnIssuedTokenMayRotateRevokeOrSayItNeverArrived() {
		String html = render(view(TokenRequestStatus.ISSUED, true, false, false));
		assertThat(html)
			.contains("/requests/" + ID + "/rotate", "/requests/" + ID + "/revoke", "/requests/" + ID + "/not-received",
					"I did not receive the token", "GitLab token 42 was created")
			.doesNotContain("/create\"");
	}

	@Test
	void approverAndAuditorOfAnIssuedTokenMayOnlyRevoke() {
		for (TokenRequestView view : new TokenRequestView[] { view(TokenRequestStatus.ISSUED, false, true, false),
				view(TokenRequestStatus.ISSUED, false, false, true) }) {
			assertThat(render(view)).contains("/revoke").doesNotContain("/rotate", "/not-received", "/create\"");
		}
	}

	@Test
	void otherViewersOfAnIssuedTokenSeeNoButton() {
		assertThat(render(view(TokenRequestStatus.ISSUED, false, false, false))).doesNotContain("<form");
	}

	@Test
	void issuingAndUnknownStatesAreExplained() {
		assertThat(render(view(TokenRequestStatus.ISSUING, true, false, false))).contains("being created in GitLab")
			.doesNotContain("<form");
		assertThat(render(view(TokenRequestStatus.ISSUE_UNKNOWN, true, false, false)))
			.contains("answer to creating this token was lost")
			.doesNotContain("<form");
	}

	private String render(TokenRequestView view) {
		MockHttpServletRequest servletRequest = new MockHttpServletRequest("GET", "/requests/" + ID);
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(new MockServletContext())
			.buildExchange(servletRequest, new MockHttpServletResponse()), Locale.ENGLISH);
		context.setVariable("request", view);
		// lets the fragment ask beans (@tokenDeliveries), as it does in the portal
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.application, null));
		return this.templates.process("tokens/_actions", context);
	}

	private static TokenRequestView view(TokenRequestStatus status, boolean requester, boolean approver,
			boolean auditor) {
		boolean issued = status == TokenRequestStatus.ISSUED;
		return new TokenRequestView(ID, "0b7e7f4c", status, false, "alice", "platform/backend/api", issued ? 42L : null,
				issued ? LocalDate.of(2030, 1, 31) : null, requester, approver, auditor);
	}

	/**
	 * The accessors the request page's view offers the fragment, and no others.
	 */
	record TokenRequestView(UUID id, String shortId, TokenRequestStatus status, boolean awaitingChange,
			String requesterUsername, String targetPath, @Nullable Long gitlabTokenId,
			@Nullable LocalDate issuedExpiresOn, boolean viewerIsRequester, boolean viewerIsApprover,
			boolean viewerIsAuditor) {
	}

}
