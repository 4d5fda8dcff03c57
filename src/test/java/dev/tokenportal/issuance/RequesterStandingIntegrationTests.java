package dev.tokenportal.issuance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.requests.TargetNotAllowedException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.csrf;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The requester is asked of GitLab again at every press that makes a token (create,
 * rotate): a requester removed from the target, blocked, or demoted below the level the
 * decision rested on is refused in plain words, the refusal is audited, and GitLab's
 * token endpoints hear nothing (security.md 11.2).
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class RequesterStandingIntegrationTests {

	private static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

	private static final String ROTATE_CALLS = "/api/v4/projects/*/access_tokens/*/rotate";

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	AuditTrail audit;

	PortalHttp alice;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.alice = signedIn(this.port, "alice");
	}

	@AfterEach
	void gitLabAsItWas() {
		// other classes share the sandbox: alice is not left blocked or outside her
		// groups
		this.sandbox.reset();
	}

	@Test
	void anActiveMemberIsConfirmedWithOneCallAboutThem() {
		TokenRequest request = approvedApiRequest(this.requests);
		String csrf = csrf(this.alice);
		this.sandbox.faults().clearCalls();

		assertThat(this.alice.post("/requests/" + request.getId() + "/create", Map.of("_csrf", csrf)).status())
			.isEqualTo(200);

		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/*/members/all/*")).hasSize(1);
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/users/*"))
			.as("the membership carries the account's state")
			.isEmpty();
	}

	@Test
	void createIsRefusedWhenTheRequesterLeftTheProjectAfterApproval() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.state().removeMember(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE);

		PortalHttp.Response refused = post(this.alice, request.getId(), "create");

		assertRefused(refused, request.getId(), "GitLab says you are no longer a member of platform/backend/api");
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(deniedEvents(request, "issuance.started")).singleElement()
			.satisfies((event) -> assertThat(event.details()).contains("no longer a member"));
	}

	@Test
	void createIsRefusedWhenTheRequesterIsBlocked() {
		TokenRequest request = approvedApiRequest(this.requests);
		String csrf = csrf(this.alice);
		this.sandbox.state().blockUser(SandboxSeed.ALICE);

		PortalHttp.Response refused = this.alice.post("/requests/" + request.getId() + "/create",
				Map.of("_csrf", csrf));

		assertRefused(refused, request.getId(), "GitLab says your account is blocked");
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(deniedEvents(request, "issuance.started")).singleElement()
			.satisfies((event) -> assertThat(event.details()).contains("blocked"));
	}

	@Test
	void createIsRefusedWhenGitLabNoLongerKnowsTheRequester() {
		TokenRequest request = approvedApiRequest(this.requests);
		String csrf = csrf(this.alice);
		this.sandbox.state().deleteUser(SandboxSeed.ALICE);

		PortalHttp.Response refused = this.alice.post("/requests/" + request.getId() + "/create",
				Map.of("_csrf", csrf));

		assertRefused(refused, request.getId(), "GitLab no longer knows your account");
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(deniedEvents(request, "issuance.started")).hasSize(1);
	}

	@Test
	void createIsRefusedWhenTheRequesterWasDemotedBelowTheLevelTheDecisionRestedOn() {
		// alice was Developer when she asked for a Reporter token: she must still be
		// Reporter
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(request.requiredRequesterLevel()).isEqualTo(20);
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, 10);

		PortalHttp.Response refused = post(this.alice, request.getId(), "create");

		assertRefused(refused, request.getId(),
				"GitLab says you are Guest on platform/backend/api now; this token needs you to be at least Reporter");
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(deniedEvents(request, "issuance.started")).hasSize(1);

		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, 20);
		assertThat(post(this.alice, request.getId(), "create").status()).as("Reporter is enough").isEqualTo(200);
	}

	@Test
	void createIsRefusedWhenGitLabCannotSayWhoTheRequesterIs() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/members/all/*")
			.respond(500, "{\"message\":\"500 Internal Server Error\"}");

		PortalHttp.Response refused = post(this.alice, request.getId(), "create");

		assertRefused(refused, request.getId(), "Try again in a moment.");
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(deniedEvents(request, "issuance.started")).hasSize(1);
	}

	@Test
	void rotateIsRefusedWhenTheRequesterIsBlockedAndTheTokenStaysAsItWas() {
		TokenRequest request = issued();
		String csrf = csrf(this.alice);
		this.sandbox.state().blockUser(SandboxSeed.ALICE);

		PortalHttp.Response refused = this.alice.post("/requests/" + request.getId() + "/rotate",
				Map.of("_csrf", csrf));

		assertRefused(refused, request.getId(), "GitLab says your account is blocked");
		assertThat(this.sandbox.faults().calls("POST", ROTATE_CALLS)).isEmpty();
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getGitlabTokenId()).isEqualTo(request.getGitlabTokenId());
		assertThat(this.sandbox.state().token(request.getGitlabTokenId()))
			.hasValueSatisfying((token) -> assertThat(token.revoked()).isFalse());
		assertThat(deniedEvents(request, "token.rotated")).singleElement()
			.satisfies((event) -> assertThat(event.details()).contains("blocked"));
	}

	@Test
	void rotateIsRefusedWhenTheRequesterLeftTheProject() {
		TokenRequest request = issued();
		this.sandbox.state().removeMember(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE);

		PortalHttp.Response refused = post(this.alice, request.getId(), "rotate");

		assertRefused(refused, request.getId(), "GitLab says you are no longer a member of platform/backend/api");
		assertThat(this.sandbox.faults().calls("POST", ROTATE_CALLS)).isEmpty();
		assertThat(this.requests.requestsOf(SandboxSeed.ALICE_ID))
			.noneMatch((other) -> request.getId().equals(other.getRenewalOf()));
	}

	@Test
	void rotationWeighsTheTokenAgainstTheLevelTheRequesterHoldsNow() {
		// a Guest's Reporter token needed an Owner; once GitLab says she is Reporter
		// herself, rotating it is granted at once
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, 10);
		TokenRequest guests = approvedApiRequest(this.requests);
		assertThat(guests.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		PortalHttp carol = signedIn(this.port, "carol");
		assertThat(post(carol, guests.getId(), "approve").status()).isEqualTo(302);
		assertThat(post(this.alice, guests.getId(), "create").status()).isEqualTo(200);
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, 20);
		this.sandbox.faults().clearCalls();

		PortalHttp.Response rotated = post(this.alice, guests.getId(), "rotate");

		assertThat(rotated.status()).as("rotated now, no renewal awaiting an Owner").isEqualTo(200);
		assertThat(this.sandbox.faults().calls("POST", ROTATE_CALLS)).hasSize(1);
		assertThat(this.requests.requestsOf(SandboxSeed.ALICE_ID))
			.noneMatch((other) -> guests.getId().equals(other.getRenewalOf()));
	}

	@Test
	void rotatingATokenAboveTheRequestersLevelNowWaitsForAnOwner() {
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, 10);
		TokenRequest guests = approvedApiRequest(this.requests);
		assertThat(post(signedIn(this.port, "carol"), guests.getId(), "approve").status()).isEqualTo(302);
		assertThat(post(this.alice, guests.getId(), "create").status()).isEqualTo(200);
		this.sandbox.faults().clearCalls();

		PortalHttp.Response renewal = post(this.alice, guests.getId(), "rotate");

		assertThat(renewal.status()).isEqualTo(302);
		assertThat(this.sandbox.faults().calls("POST", ROTATE_CALLS)).isEmpty();
		assertThat(this.requests.requestsOf(SandboxSeed.ALICE_ID))
			.filteredOn((other) -> guests.getId().equals(other.getRenewalOf()))
			.singleElement()
			.satisfies((other) -> {
				assertThat(other.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
				assertThat(other.getJustification()).as("the requester's words, nothing the portal added")
					.isEqualTo(guests.getJustification());
				assertThat(this.alice.get("/requests/" + other.getId()).body())
					.as("the page says what it renews, from the bundle")
					.contains("Renewal of " + TokenRequest.NAME_MARKER + guests.getShortId());
			});
	}

	@Test
	void aBlockedUserCannotSubmitARequest() {
		this.sandbox.state().blockUser(SandboxSeed.ALICE);

		assertThatExceptionOfType(TargetNotAllowedException.class).isThrownBy(() -> approvedApiRequest(this.requests))
			.satisfies((ex) -> assertThat(this.messages.getMessage(ex.problem(), Locale.ENGLISH))
				.isEqualTo("GitLab says your account is blocked; the portal takes no requests from it"));
	}

	private TokenRequest issued() {
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(post(this.alice, request.getId(), "create").status()).isEqualTo(200);
		// the assertions count GitLab calls from here
		this.sandbox.faults().clearCalls();
		return this.requests.get(request.getId());
	}

	private void assertRefused(PortalHttp.Response refused, UUID id, String reason) {
		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/requests/" + id);
		assertThat(this.alice.get(refused.location()).body()).contains(reason);
	}

	private List<AuditEvent> deniedEvents(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action) && event.outcome().equals("DENIED"))
			.toList();
	}

}
