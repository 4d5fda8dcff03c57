package dev.tokenportal.inventory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security team's inventory over real HTTP: every token issued through the portal,
 * filtered, and the tokens GitLab has on a project, with the ones made past the portal
 * flagged.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class AuditorInventoryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp dave;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.dave = signedIn(this.port, SandboxSeed.DAVE);
	}

	@Test
	void auditorsSeeEveryIssuedTokenAndFilterIt() {
		TokenRequest active = issued();
		TokenRequest revoked = issued();
		PortalHttp alice = signedIn(this.port, SandboxSeed.ALICE);
		assertThat(post(alice, revoked.getId(), "revoke").status()).isEqualTo(302);

		String all = this.dave.get("/inventory?target=PLATFORM/backend&requester=@alice").body();
		assertThat(all).contains("id=\"inventory-" + active.getShortId() + "\"",
				"id=\"inventory-" + revoked.getShortId() + "\"", "@alice");

		String onlyRevoked = this.dave.get("/inventory?state=revoked&requester=alice").body();
		assertThat(onlyRevoked).contains("id=\"inventory-" + revoked.getShortId() + "\"")
			.doesNotContain("id=\"inventory-" + active.getShortId() + "\"");

		assertThat(this.dave.get("/inventory?target=legacy/").body()).contains("id=\"inventory-empty\"")
			.doesNotContain("id=\"inventory-" + active.getShortId() + "\"");
		// a LIKE wildcard is a character to look for, not a pattern
		assertThat(this.dave.get("/inventory?target=%25").body()).contains("id=\"inventory-empty\"");
		// a page link the portal did not make is refused, naming it
		// (InventoryControllerTests)
		assertThat(this.dave.get("/inventory?after=x").status()).isEqualTo(400);
	}

	@Test
	void tokensMadeInGitLabPastThePortalAreFlagged() throws Exception {
		TokenRequest request = issued();
		long portalToken = this.requests.get(request.getId()).getGitlabTokenId();
		long outsideToken = createInGitLabDirectly("deploy-from-laptop");

		PortalHttp.Response page = this.dave.get("/inventory/gitlab?path=platform/backend/api");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"inventory-target\">platform/backend/api<",
				"1 active token was made outside the portal");
		assertThat(row(page.body(), portalToken)).contains("data-origin=\"PORTAL\"", "tp-" + request.getShortId(),
				"@alice");
		assertThat(row(page.body(), outsideToken)).contains("data-origin=\"OUTSIDE\"", "deploy-from-laptop",
				"Outside the portal");
	}

	@Test
	void aRotatedAwayTokenIsStillKnownAsThePortals() {
		TokenRequest request = issued();
		long first = this.requests.get(request.getId()).getGitlabTokenId();
		PortalHttp alice = signedIn(this.port, SandboxSeed.ALICE);
		assertThat(post(alice, request.getId(), "rotate").status()).isEqualTo(200);
		long second = this.requests.get(request.getId()).getGitlabTokenId();

		String page = this.dave.get("/inventory/gitlab?path=platform%2Fbackend%2Fapi").body();

		assertThat(row(page, second)).contains("data-origin=\"PORTAL\"");
		assertThat(row(page, first)).contains("data-origin=\"PORTAL_EARLIER\"", "revoked");
		assertThat(page).doesNotContain("made outside the portal");
	}

	@Test
	void aTokenNamedLikeThePortalsButNeverRecordedIsOutsideAndFlagged() throws Exception {
		TokenRequest request = issued();
		long first = this.requests.get(request.getId()).getGitlabTokenId();
		PortalHttp alice = signedIn(this.port, SandboxSeed.ALICE);
		assertThat(post(alice, request.getId(), "rotate").status()).isEqualTo(200);
		long current = this.requests.get(request.getId()).getGitlabTokenId();
		// anyone who can list the project's tokens can copy the portal's name exactly
		long imitation = createInGitLabDirectly(request.gitlabName());

		PortalHttp.Response page = this.dave.get("/inventory/gitlab?path=platform/backend/api");

		assertThat(row(page.body(), imitation))
			.contains("data-origin=\"OUTSIDE\"", "Outside the portal", "id=\"misleading-name-" + imitation + "\"",
					"The name is misleading")
			.doesNotContain("/requests/" + request.getId());
		assertThat(page.body()).contains("1 active token was made outside the portal");
		assertThat(row(page.body(), current)).contains("data-origin=\"PORTAL\"", "tp-" + request.getShortId())
			.doesNotContain("misleading");
		assertThat(row(page.body(), first)).contains("data-origin=\"PORTAL_EARLIER\"").doesNotContain("misleading");
	}

	@Test
	void groupsUnknownPathsAndGitLabFailuresAreExplained() {
		assertThat(this.dave.get("/inventory/gitlab?path=platform/backend").body()).contains("Group",
				"id=\"inventory-target\">platform/backend<", "GitLab has no project or group access tokens here");
		assertThat(this.dave.get("/inventory/gitlab?path=no/such/thing").body())
			.contains("GitLab has no project or group at no/such/thing");

		this.sandbox.faults()
			.on("GET", "/api/v4/projects/*/access_tokens")
			.respond(503, "{\"message\":\"down\"}")
			.times(10);
		PortalHttp.Response down = this.dave.get("/inventory/gitlab?path=platform/backend/api");
		assertThat(down.status()).isEqualTo(200);
		assertThat(down.body()).contains("id=\"inventory-problem\"", "GitLab could not be asked")
			.doesNotContain("Exception");
	}

	@Test
	void onlyAuditorsSeeTheInventoryAndTheAttemptIsRecorded() {
		PortalHttp alice = signedIn(this.port, SandboxSeed.ALICE);
		assertThat(alice.get("/inventory").status()).isEqualTo(403);
		assertThat(alice.get("/inventory/gitlab?path=platform/backend/api").status()).isEqualTo(403);
		assertThat(alice.get("/").body()).doesNotContain("id=\"nav-inventory\"");
		assertThat(this.dave.get("/").body()).contains("id=\"nav-inventory\"");
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'access.denied' "
				+ "and actor_username = 'alice' and details like '%/inventory/gitlab%'", Long.class))
			.isPositive();
	}

	private TokenRequest issued() {
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(post(signedIn(this.port, SandboxSeed.ALICE), request.getId(), "create").status()).isEqualTo(200);
		return request;
	}

	private long createInGitLabDirectly(String name) throws Exception {
		String body = "{\"name\":\"" + name + "\",\"scopes\":[\"api\"],\"access_level\":40,\"expires_at\":\""
				+ LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"}";
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI
					.create(this.sandbox.baseUrl() + "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens"))
				.header("PRIVATE-TOKEN", SandboxSeed.ROOT_TOKEN)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode token = JSON.readTree(created.body());
		return token.get("id").asLong();
	}

	private static String row(String html, long tokenId) {
		int start = html.indexOf("id=\"gitlab-token-" + tokenId + "\"");
		assertThat(start).as("GitLab token %d is listed", tokenId).isNotNegative();
		return html.substring(start, html.indexOf("</tr>", start));
	}

}
