package dev.tokenportal.web;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

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

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.alice = new PortalHttp(this.port);
		this.alice.loginAs("alice");
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
		this.sandbox.faults().on("GET", "/api/v4/user").rateLimit(60).times(3);
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
