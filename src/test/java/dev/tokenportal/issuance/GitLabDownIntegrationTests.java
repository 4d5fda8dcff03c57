package dev.tokenportal.issuance;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * GitLab failing again and again, with the circuit breaker on as in production (the
 * shared test context turns it off): once it opens, a press on Create token is answered
 * at once, nothing reaches GitLab, and the request stays approved for a later press.
 *
 * @author Token Portal team
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.gitlab.circuit-breaker.window-size=4", "portal.gitlab.circuit-breaker.minimum-calls=4",
				"portal.gitlab.circuit-breaker.open-for=10m" })
@Import({ TestcontainersConfiguration.class, GitLabSandboxConfiguration.class })
class GitLabDownIntegrationTests {

	private static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@AfterEach
	void gitLabIsBack() {
		this.sandbox.reset();
	}

	@Test
	void onceGitLabKeepsFailingAPressIsAnsweredAtOnceAndNothingIsSent() {
		TokenRequest approved = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		String requestPage = alice.get("/requests/" + approved.getId()).body();

		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*")
			.respond(503, "{\"message\":\"503 Service Unavailable\"}")
			.times(1000);
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(GitLabUnavailableException.class)
				.isThrownBy(() -> approvedApiRequest(this.requests));
		}
		this.sandbox.faults().clear();
		this.sandbox.faults().clearCalls();

		PortalHttp.Response pressed = alice.post("/requests/" + approved.getId() + "/create",
				java.util.Map.of("_csrf", PortalHttp.csrfToken(requestPage)));

		assertThat(pressed.status()).isEqualTo(302);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).as("nothing was sent to GitLab").isEmpty();
		assertThat(this.requests.get(approved.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(alice.get(pressed.location()).body()).contains("GitLab could not be reached", "Nothing was created");

		PortalHttp dave = signedIn(this.port, "dave");
		assertThat(dave.get("/actuator/health").body()).contains("\"circuitBreaker\":\"OPEN\"");
	}

}
