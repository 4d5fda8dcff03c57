package dev.tokenportal.audit;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static dev.tokenportal.issuance.IssuanceTestSupport.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's history on its page reads as words: a request submitted, approved, and
 * refused by GitLab on the first press shows labels and values from the bundles, never
 * the keys and enum names the trail keeps for auditors.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class RequestHistoryWordsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void theTimelineShowsLabelsAndWordsNeverTheTrailsKeys() {
		// Developer on a project: the standard tier, one Owner's approval
		TokenRequest request = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				30, 30);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(post(signedIn(this.port, "bob"), request.getId(), "approve").status()).isEqualTo(302);
		this.sandbox.faults()
			.on("POST", "/api/v4/projects/*/access_tokens")
			.respond(403, "{\"message\":\"403 Forbidden\"}")
			.times(1);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		String timeline = timeline(alice.get("/requests/" + request.getId()).body());

		assertThat(timeline).contains("Request submitted", "Policy decided", "Approved", "Token creation started",
				"GitLab refused to create the token");
		assertThat(timeline).contains("Tier</dt>", ">standard<", "Access level</dt>", ">Developer<", "Status</dt>",
				">Waiting for approval<", "Approvals</dt>", ">1 of 1 required<", "The approver’s access level</dt>",
				">Owner<", "Name in GitLab</dt>", "Pressing again can work</dt>", ">yes<", "GitLab answered</dt>",
				">HTTP 403<");
		String shown = timeline.replaceAll("<[^>]*>", " ");
		assertThat(shown).as("the trail's own keys and values")
			.doesNotContain("gitlabName", "pressAgain", "awaitingChange", "approverAccessLevel", "policyVersion",
					"reasonCode", "STANDARD", "PENDING_APPROVAL", "APPROVED", "true", "false", "(30)");
		assertThat(timeline).as("policy version 0 is the built-in defaults")
			.doesNotContainPattern("Policy version</dt>\\s*<dd[^>]*>0</dd>");
	}

	@Test
	void aPressOnATokenAlreadyCreatedNamesTheStatusInWords() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(409);

		String timeline = timeline(alice.get("/requests/" + request.getId()).body());

		assertThat(timeline).contains("the request’s status is “Token created”").doesNotContain("ISSUED");
	}

	private static String timeline(String page) {
		Matcher section = Pattern.compile("<section[^>]*id=\"timeline\".*?</section>", Pattern.DOTALL).matcher(page);
		assertThat(section.find()).as("the page has its timeline").isTrue();
		return section.group();
	}

}
