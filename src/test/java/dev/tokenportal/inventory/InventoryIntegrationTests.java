package dev.tokenportal.inventory;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * My tokens over real HTTP: what I was issued, how each token stands, and nobody else's.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class InventoryIntegrationTests {

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
	void myTokensShowsEachTokenWithItsStateButNeverItsValue() {
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		TokenRequest month = IssuanceTestSupport.approvedApiRequest(this.requests);
		TokenRequest week = IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("read_repository"), 20, 5);
		TokenRequest revoked = IssuanceTestSupport.approvedApiRequest(this.requests);
		TokenRequest notYetCreated = IssuanceTestSupport.approvedApiRequest(this.requests);
		String monthValue = IssuanceTestSupport.valueIn(create(alice, month).body());
		String weekValue = IssuanceTestSupport.valueIn(create(alice, week).body());
		create(alice, revoked);
		assertThat(IssuanceTestSupport.post(alice, revoked.getId(), "revoke").status()).isEqualTo(302);

		PortalHttp.Response page = alice.get("/tokens");

		assertThat(page.status()).isEqualTo(200);
		assertThat(row(page, month)).contains("data-state=\"ACTIVE\"", "Active", "platform/backend/api", "read_api",
				"Reporter", "Rotate", "Revoke");
		assertThat(row(page, week)).contains("data-state=\"EXPIRES_SOON\"", "Expires soon (in 5 days)",
				"read_repository");
		assertThat(row(page, revoked)).contains("data-state=\"REVOKED\"", "Revoked").doesNotContain("Rotate");
		assertThat(page.body()).doesNotContain("token-" + notYetCreated.getShortId(), monthValue, weekValue);
	}

	@Test
	void myTokensShowsOnlyMyOwn() {
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, "alice");
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		create(alice, request);

		PortalHttp.Response bobs = IssuanceTestSupport.signedIn(this.port, "bob").get("/tokens");

		assertThat(bobs.status()).isEqualTo(200);
		assertThat(bobs.body()).doesNotContain("token-" + request.getShortId());
	}

	private static PortalHttp.Response create(PortalHttp browser, TokenRequest request) {
		PortalHttp.Response created = IssuanceTestSupport.post(browser, request.getId(), "create");
		assertThat(created.status()).isEqualTo(200);
		return created;
	}

	private static String row(PortalHttp.Response page, TokenRequest request) {
		String body = page.body();
		int start = body.indexOf("id=\"token-" + request.getShortId() + "\"");
		assertThat(start).as("a row for " + request.getShortId()).isNotNegative();
		return body.substring(start, body.indexOf("</tr>", start));
	}

}
