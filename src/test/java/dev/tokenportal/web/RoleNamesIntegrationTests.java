package dev.tokenportal.web;

import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
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
 * GitLab's role names on every page come from the bundles ({@code accessLevel.*}), in the
 * reader's language: a reader whose browser asks for Esperanto (a test-only bundle that
 * names the roles and nothing else) reads them in Esperanto on the request page, the
 * approvals queue, the created token, their tokens and the inventory.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class RoleNamesIntegrationTests {

	private static final String ESPERANTO = "eo";

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
	void roleNamesAreTheBundlesInTheReadersLanguage() {
		TokenRequest waiting = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				30, 30);
		PortalHttp alice = reader("alice");
		assertThat(alice.get("/requests/" + waiting.getId()).body()).contains("Programisto")
			.doesNotContain("Developer (30)");
		PortalHttp bob = reader("bob");
		assertThat(bob.get("/approvals").body()).contains("Programisto").doesNotContain(">Developer<");

		TokenRequest granted = approvedApiRequest(this.requests);
		String created = post(alice, granted.getId(), "create").body();
		assertThat(created).contains("Raportisto").doesNotContain(">Reporter<");
		assertThat(alice.get("/tokens").body()).contains("Raportisto").doesNotContain(">Reporter<");
		assertThat(reader("dave").get("/inventory").body()).contains("Raportisto").doesNotContain(">Reporter<");
	}

	private PortalHttp reader(String username) {
		PortalHttp browser = signedIn(this.port, username);
		return browser.withHeader("Accept-Language", ESPERANTO);
	}

}
