package dev.tokenportal.approvals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.AccessLevels;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalCachesTestExecutionListener;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an Owner's pages cost GitLab does not grow with what they own: the approvals
 * queue, the home page and the request form make as many GitLab calls for an Owner of
 * 2,000 projects as for an Owner of one. Each page is viewed with the portal's caches
 * empty, so the figures are those of a first view.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class GitLabCallsPerPageIntegrationTests {

	static final List<String> PAGES = List.of("/approvals", "/", "/requests/new");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectProvider<CacheManager> caches;

	@Test
	void anOwnerOfTwoThousandProjectsCostsGitLabAsManyCallsPerPageAsAnOwnerOfOne() {
		Map<String, Integer> ownerOfOne = callsPerPage(1);
		Map<String, Integer> ownerOfTwoThousand = callsPerPage(2000);

		assertThat(ownerOfTwoThousand).isEqualTo(ownerOfOne);
	}

	@Test
	void aSecondViewWithinAMinuteAsksGitLabNothingAboutOwnership() {
		TokenRequest waiting = ownerOf(3);
		PortalHttp erin = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ERIN);
		assertThat(erin.get("/approvals").body()).contains("/requests/" + waiting.getId());
		this.sandbox.faults().clearCalls();

		assertThat(erin.get("/approvals").body()).contains("/requests/" + waiting.getId());

		assertThat(this.sandbox.faults().calls()).as("GitLab calls of the second view").isEmpty();
	}

	@Test
	void homeAndTheRequestFormSeenAgainWithinAMinuteAskGitLabNothing() {
		ownerOf(3);
		PortalHttp erin = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ERIN);
		for (String page : new String[] { "/", "/requests/new" }) {
			assertThat(erin.get(page).status()).as(page).isEqualTo(200);
			this.sandbox.faults().clearCalls();

			assertThat(erin.get(page).status()).as(page).isEqualTo(200);

			assertThat(this.sandbox.faults().calls()).as("GitLab calls of the second view of %s", page).isEmpty();
		}
	}

	/**
	 * GitLab calls of a first view of each page by an Owner of a number of projects, with
	 * a request of someone else waiting for them.
	 */
	private Map<String, Integer> callsPerPage(int owned) {
		TokenRequest waiting = ownerOf(owned);
		PortalHttp erin = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ERIN);
		Map<String, Integer> calls = new LinkedHashMap<>();
		for (String page : PAGES) {
			PortalCachesTestExecutionListener.clear(this.caches);
			this.sandbox.faults().clearCalls();
			PortalHttp.Response response = erin.get(page);
			assertThat(response.status()).as(page).isEqualTo(200);
			if (page.equals("/approvals")) {
				assertThat(response.body()).as("the queue").contains("/requests/" + waiting.getId());
			}
			calls.put(page, this.sandbox.faults().calls().size());
		}
		return calls;
	}

	/** Erin owns a group of projects; alice, a Developer there, waits for her. */
	private TokenRequest ownerOf(int projects) {
		this.sandbox.reset();
		this.sandbox.state().addGroupWithProjects("fleet", projects);
		this.sandbox.state().addMember("fleet", SandboxSeed.ERIN, AccessLevels.OWNER);
		this.sandbox.state().addMember("fleet", SandboxSeed.ALICE, AccessLevels.DEVELOPER);
		long first = this.sandbox.state().projectByPath("fleet/project-1").orElseThrow().id();
		return new ApprovalFixtures(this.requests, this.jdbc).standard(ALICE, first);
	}

}
