package dev.tokenportal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page as GitLab reports it for the signed-in user: their projects and groups,
 * paginated and filterable, and a plain message (not an error page) when GitLab fails.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class HomeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.alice = new PortalHttp(this.port);
		this.alice.loginAs("alice");
	}

	@Test
	void whatNeedsMeNowComesFirstMostUrgentFirst() {
		TokenRequest expiring = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				20, 5);
		assertThat(post(this.alice, expiring.getId(), "create").status()).isEqualTo(200);
		TokenRequest lasting = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				20, 30);
		assertThat(post(this.alice, lasting.getId(), "create").status()).isEqualTo(200);
		TokenRequest granted = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				20, 20);
		TokenRequest pending = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("write_repository"), 30, 20);

		String home = this.alice.get("/").body();

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(item(home, expiring)).contains("data-kind=\"EXPIRING\"", "Expires in 5 days",
				today.plusDays(5).toString(), "/requests/" + expiring.getId() + "/rotate");
		assertThat(item(home, granted)).contains("data-kind=\"READY_TO_CREATE\"", "within 7 days",
				today.plusDays(7).toString());
		assertThat(item(home, pending)).contains("data-kind=\"AWAITING_APPROVAL\"");
		assertThat(home).as("a token with a month left is no reminder")
			.doesNotContain("id=\"attention-" + lasting.getShortId() + "\"");
		assertThat(home.indexOf("id=\"attention-" + expiring.getShortId()))
			.isLessThan(home.indexOf("id=\"attention-" + granted.getShortId()))
			.isLessThan(home.indexOf("id=\"attention-" + pending.getShortId()));
	}

	@Test
	void eachProjectAndGroupLeadsToTheRequestFormWithItChosen() {
		String home = this.alice.get("/").body();
		assertThat(home).contains("href=\"/requests/new?target=project:" + SandboxSeed.API_ID + "\"",
				"href=\"/requests/new?target=group:" + SandboxSeed.PLATFORM_BACKEND_ID + "\"");
		String form = this.alice.get("/requests/new?target=project:" + SandboxSeed.API_ID).body();
		assertThat(form).containsPattern("<option[^>]*value=\"project:" + SandboxSeed.API_ID + "\"[^>]*selected");
	}

	private static String item(String html, TokenRequest request) {
		int start = html.indexOf("id=\"attention-" + request.getShortId() + "\"");
		assertThat(start).as("%s is on the home page", request.getShortId()).isNotNegative();
		return html.substring(start, html.indexOf("</li>", start));
	}

	@Test
	void projectsArePagedAsGitLabPagesThem() {
		String first = this.alice.get("/").body();
		assertThat(first).contains("platform/backend/api", "Page 1 of 2", "rel=\"next\"");
		assertThat(first).doesNotContain("platform/frontend/web");
		String second = this.alice.get("/?projects=2").body();
		assertThat(second).contains("Page 2 of 2", "platform/frontend/web").doesNotContain("platform/backend/api\"");
	}

	@Test
	void filterNarrowsProjectsAndGroups() {
		String page = this.alice.get("/?q=billing").body();
		assertThat(page).contains("platform/backend/billing").doesNotContain("platform/backend/api\"");
	}

	@Test
	void otherUsersSeeOnlyWhatGitLabShowsThem() {
		PortalHttp mallory = new PortalHttp(this.port);
		mallory.loginAs("mallory");
		String page = mallory.get("/").body();
		assertThat(page).contains("Mallory Outsider", "legacy/monolith").doesNotContain("platform/backend");
	}

	@Test
	void gitLabFailureShowsAPlainMessageAndKeepsThePage() {
		this.sandbox.faults()
			.on("GET", "/api/v4/projects")
			.respond(500, "{\"message\":\"500 Internal Server Error\"}")
			.times(10);
		PortalHttp.Response home = this.alice.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("GitLab is unreachable right now", "Alice Developer")
			.doesNotContain("Exception", "500 Internal Server Error");
	}

	@Test
	void gitLabRateLimitSaysHowLongToWait() {
		this.sandbox.faults().on("GET", "/api/v4/projects").rateLimit(60).times(3);
		PortalHttp.Response home = this.alice.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("GitLab is busy and asked the portal to wait 60 seconds");
	}

	@Test
	void aSingleGitLabHiccupIsRetriedUnnoticed() {
		this.sandbox.faults()
			.on("GET", "/api/v4/groups")
			.respond(503, "{\"message\":\"503 Service Unavailable\"}")
			.times(1);
		String page = this.alice.get("/").body();
		assertThat(page).doesNotContain("gitlab-problem").contains("platform/backend");
	}

}
