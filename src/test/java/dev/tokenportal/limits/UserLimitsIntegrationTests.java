package dev.tokenportal.limits;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.OpenRequestLimitException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-user limits at their production defaults (5 open requests, 10 tokens an hour,
 * 60 previews a minute), in a context of their own: the shared test context raises them
 * because many classes act as the same demo users. Each test acts as a different user.
 *
 * @author Token Portal team
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ TestcontainersConfiguration.class, GitLabSandboxConfiguration.class })
class UserLimitsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	UserRateLimiter limiter;

	@Test
	void tenParallelSubmissionsLeaveFiveOpenRequestsAndTheSixthIsExplained() throws Exception {
		CurrentUser bob = user(SandboxSeed.BOB_ID, SandboxSeed.BOB);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TokenRequest>> submissions = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				submissions.add(pool.submit(() -> {
					start.await();
					// the standard tier: each stays open, waiting for an Owner
					return this.requests.submit(request(List.of("write_repository"), 30), bob);
				}));
			}
			start.countDown();
			int saved = 0;
			int refused = 0;
			for (Future<TokenRequest> submission : submissions) {
				try {
					assertThat(submission.get(30, TimeUnit.SECONDS).getStatus())
						.isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
					saved++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(OpenRequestLimitException.class);
					refused++;
				}
			}
			assertThat(saved).isEqualTo(5);
			assertThat(refused).isEqualTo(5);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.jdbc.queryForObject("select count(*) from token_request where requester_id = ?", Long.class,
				SandboxSeed.BOB_ID))
			.isEqualTo(5);

		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(SandboxSeed.BOB);
		String form = browser.get("/requests/new").body();
		PortalHttp.Response sixth = browser.post("/requests/new",
				Map.of("_csrf", PortalHttp.csrfToken(form), "target", "project:" + SandboxSeed.API_ID, "tokenName",
						"one-too-many", "scopes", "read_api", "accessLevel", "20", "expiresOn", inDays(30).toString(),
						"justification", "Reads the API."));
		assertThat(sixth.status()).isEqualTo(429);
		assertThat(sixth.body()).contains("You already have 5 open requests, the most the portal allows",
				"Cancel one you no longer need");
		assertThat(this.jdbc.queryForObject("select count(*) from token_request where requester_id = ?", Long.class,
				SandboxSeed.BOB_ID))
			.isEqualTo(5);
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'request.submitted' "
				+ "and outcome = 'DENIED' and actor_id = ? and details like '%open request limit of 5 reached%'",
				Long.class, SandboxSeed.BOB_ID))
			.isOne();

		// a cancelled request frees its place
		TokenRequest open = this.requests.requestsOf(SandboxSeed.BOB_ID).get(0);
		this.requests.cancel(open.getId(), bob);
		assertThat(this.requests.submit(request(List.of("read_api"), 30), bob).getStatus())
			.isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void theEleventhTokenInAnHourIsRefusedWith429AndRetryAfterAndNothingReachesGitLab() {
		CurrentUser carol = user(SandboxSeed.CAROL_ID, SandboxSeed.CAROL);
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(SandboxSeed.CAROL);
		for (int i = 1; i <= 10; i++) {
			TokenRequest request = this.requests.submit(request(List.of("read_api"), 30), carol);
			PortalHttp.Response created = press(browser, request);
			assertThat(created.status()).as("token %d", i).isEqualTo(200);
			if (i == 1) {
				// a second press on a created token is refused and does not count
				assertThat(press(browser, request).status()).isEqualTo(409);
			}
		}
		TokenRequest eleventh = this.requests.submit(request(List.of("read_api"), 30), carol);
		int tokensBefore = this.sandbox.state().activeTokenCount(SandboxSeed.API);

		PortalHttp.Response refused = press(browser, eleventh);

		assertThat(refused.status()).isEqualTo(429);
		// one more every six minutes
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 360L);
		assertThat(refused.body()).contains("You have reached the limit of 10 tokens created per hour",
				"Nothing was changed and nothing was sent to GitLab");
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isEqualTo(tokensBefore);
		assertThat(this.requests.get(eleventh.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'limit.exceeded' and outcome = 'DENIED' "
						+ "and actor_id = ? and request_id = ? and details like '%TOKEN_CREATION%'",
				Long.class, SandboxSeed.CAROL_ID, eleventh.getId()))
			.isOne();
	}

	private static String preview(long projectId, int days) {
		return "/requests/preview?target=project:" + projectId + "&scopes=read_api&accessLevel=20&expiresOn="
				+ inDays(days);
	}

	@Test
	void previewsThatAskGitLabBeyondSixtyAMinuteAreRefusedWithRetryAfterButTypingIsNot() {
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(SandboxSeed.ALICE);
		// an incomplete form costs GitLab nothing and is not counted
		for (int i = 0; i < 5; i++) {
			assertThat(browser.get("/requests/preview?target=project:11").status()).isEqualTo(200);
		}
		// someone changing dates and scopes on one target: GitLab is asked once, and
		// the rest are not counted
		for (int i = 0; i < 100; i++) {
			assertThat(browser.get(preview(SandboxSeed.API_ID, 7 + (i % 30))).status()).as("preview %d", i)
				.isEqualTo(200);
		}
		// each new target asks GitLab: the bucket holds 60 (one taken above) and refills
		// one a second, so a client asking as fast as it can gets its 60 and then a
		// refusal within a second or two
		int granted = 0;
		int gitlabCalls = this.sandbox.faults().calls().size();
		PortalHttp.Response refused = browser.get(preview(500_000, 7));
		while (refused.status() == 200 && granted < 200) {
			granted++;
			gitlabCalls = this.sandbox.faults().calls().size();
			refused = browser.get(preview(500_000 + granted, 7));
		}

		assertThat(granted).isGreaterThanOrEqualTo(59).isLessThan(200);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		JsonNode body = JSON.readTree(refused.body());
		assertThat(body.get("outcome").asString()).isEqualTo("LIMITED");
		assertThat(body.get("summary").asString())
			.startsWith("You have reached the limit of 60 policy previews per minute");
		assertThat(this.sandbox.faults().calls()).hasSize(gitlabCalls);
	}

	@Test
	void parallelPressesOnOneRequestMakeOneTokenAndTakeTheAllowanceOnce() throws Exception {
		CurrentUser erin = user(SandboxSeed.ERIN_ID, SandboxSeed.ERIN);
		// eight of erin's ten tokens this hour are used up: two are left
		for (int i = 0; i < 8; i++) {
			this.limiter.acquire(UserLimit.TOKEN_CREATION, erin);
		}
		TokenRequest request = this.requests.submit(webRequest(), erin);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(SandboxSeed.ERIN);
		String csrf = PortalHttp.csrfToken(browser.get("/requests/" + request.getId()).body());
		int tokensBefore = this.sandbox.state().activeTokenCount(SandboxSeed.WEB);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<PortalHttp.Response>> presses = new ArrayList<>();
		List<Integer> statuses = new ArrayList<>();
		List<String> conflicts = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				presses.add(pool.submit(() -> {
					start.await();
					return browser.post("/requests/" + request.getId() + "/create", Map.of("_csrf", csrf));
				}));
			}
			start.countDown();
			for (Future<PortalHttp.Response> press : presses) {
				PortalHttp.Response response = press.get(60, TimeUnit.SECONDS);
				statuses.add(response.status());
				if (response.status() == 409) {
					conflicts.add(response.body());
				}
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(7);
		// pressed while the first was under way, or after it had finished
		assertThat(conflicts).allSatisfy((page) -> assertThat(page).containsAnyOf("This token is already being created",
				"This token was already created"));
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.WEB)).isEqualTo(tokensBefore + 1);
		assertThat(limitsExceeded(SandboxSeed.ERIN_ID)).isZero();
		// one unit is left: the next request's token is made, the one after is refused
		TokenRequest second = this.requests.submit(webRequest(), erin);
		assertThat(press(browser, second).status()).isEqualTo(200);
		TokenRequest third = this.requests.submit(webRequest(), erin);
		assertThat(press(browser, third).status()).isEqualTo(429);
		assertThat(this.requests.get(third.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(limitsExceeded(SandboxSeed.ERIN_ID)).isOne();
	}

	@Test
	void twoRequestsPressedTogetherWithOneUnitLeftMakeOneTokenAndTheOtherStaysApproved() throws Exception {
		this.sandbox.state().addMember(SandboxSeed.WEB, SandboxSeed.DAVE, 30);
		CurrentUser dave = user(SandboxSeed.DAVE_ID, SandboxSeed.DAVE);
		for (int i = 0; i < 9; i++) {
			this.limiter.acquire(UserLimit.TOKEN_CREATION, dave);
		}
		List<TokenRequest> both = List.of(this.requests.submit(webRequest(), dave),
				this.requests.submit(webRequest(), dave));
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(SandboxSeed.DAVE);
		String csrf = PortalHttp.csrfToken(browser.get("/").body());
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Future<PortalHttp.Response>> presses = new ArrayList<>();
			for (TokenRequest request : both) {
				presses.add(pool.submit(() -> {
					start.await();
					return browser.post("/requests/" + request.getId() + "/create", Map.of("_csrf", csrf));
				}));
			}
			start.countDown();
			for (Future<PortalHttp.Response> press : presses) {
				statuses.add(press.get(60, TimeUnit.SECONDS).status());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).containsExactlyInAnyOrder(200, 429);
		TokenRequest refused = both.get(statuses.indexOf(429));
		// the refused press, whether refused before its claim or after, leaves nothing
		// claimed: the requester may press again once the hour allows
		assertThat(this.requests.get(refused.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(limitsExceeded(SandboxSeed.DAVE_ID)).isOne();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'issuance.succeeded' " + "and actor_id = ?",
				Long.class, SandboxSeed.DAVE_ID))
			.isOne();
	}

	@Test
	void refusedLooksAtOthersRequestsAreThrottledWithoutGitLabCallsOrMoreAuditRows() {
		TokenRequest request = this.requests.submit(request(List.of("write_repository"), 30),
				user(SandboxSeed.ALICE_ID, SandboxSeed.ALICE));
		PortalHttp mallory = new PortalHttp(this.port);
		mallory.loginAs(SandboxSeed.MALLORY);
		String csrf = PortalHttp.csrfToken(mallory.get("/").body());
		int threshold = 20;
		for (int i = 1; i <= threshold + 5; i++) {
			this.sandbox.faults().clearCalls();
			long before = denials(SandboxSeed.MALLORY_ID);

			PortalHttp.Response pressed = mallory.post("/requests/" + request.getId() + "/approve",
					Map.of("_csrf", csrf));

			assertThat(pressed.status()).as("press %d", i).isEqualTo(404);
			assertThat(pressed.body()).as("press %d", i).doesNotContain(SandboxSeed.API);
			if (i <= threshold) {
				assertThat(denials(SandboxSeed.MALLORY_ID)).as("press %d", i).isEqualTo(before + 1);
			}
			else {
				assertThat(denials(SandboxSeed.MALLORY_ID)).as("press %d", i).isEqualTo(before);
				assertThat(this.sandbox.faults().calls()).as("press %d: GitLab calls", i).isEmpty();
			}
		}
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where actor_id = ? and action <> "
				+ "'access.denied' and action <> 'login.success'", Long.class, SandboxSeed.MALLORY_ID))
			.isZero();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
	}

	private long denials(long userId) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' and actor_id = ?", Long.class, userId);
	}

	private long limitsExceeded(long userId) {
		return this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'limit.exceeded' and actor_id = ?", Long.class,
				userId);
	}

	private static NewTokenRequest webRequest() {
		return new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.WEB_ID, "web-reader", null, List.of("read_api"),
				20, inDays(30), "Our CI pipeline reads package metadata", null);
	}

	private static PortalHttp.Response press(PortalHttp browser, TokenRequest request) {
		String page = browser.get("/requests/" + request.getId()).body();
		return browser.post("/requests/" + request.getId() + "/create", Map.of("_csrf", PortalHttp.csrfToken(page)));
	}

	private static NewTokenRequest request(List<String> scopes, int days) {
		return new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID, "ci-reader", null, scopes, 20,
				inDays(days), "Our CI pipeline reads package metadata", null);
	}

	private static CurrentUser user(long id, String username) {
		return new CurrentUser(id, username, username, null, Set.of(PortalRole.USER));
	}

	private static LocalDate inDays(int days) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(days);
	}

}
