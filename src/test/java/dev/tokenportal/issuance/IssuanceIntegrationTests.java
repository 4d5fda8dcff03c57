package dev.tokenportal.issuance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static dev.tokenportal.issuance.IssuanceTestSupport.submit;
import static dev.tokenportal.issuance.IssuanceTestSupport.valueIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating a token at the requester's press, over real HTTP against the GitLab sandbox
 * and a real PostgreSQL: the value shown once, exactly one token however often the button
 * is pressed, GitLab's refusals in plain words, and lost answers reconciled so that no
 * token the portal does not know about is left in GitLab.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class IssuanceIntegrationTests {

	private static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

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

	@Autowired
	TokenFingerprints fingerprints;

	@Autowired
	IssuanceReconciliationJob reconciliationJob;

	@Autowired
	ReconciliationService reconciliation;

	@Autowired
	IssuanceSteps steps;

	@Autowired
	GitLabTokenClient gitlab;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void pressingCreateShowsTheValueOnceWithNoStoreAndNeverAgain() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response created = post(alice, request.getId(), "create");

		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).contains("no-store");
		assertThat(created.header("Pragma")).isEqualTo("no-cache");
		String value = valueIn(created.body());
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		assertThat(created.body()).contains("only time the portal shows this value", "secret manager", "copy.js")
			.doesNotContain("<script>");
		SandboxToken token = onlyActiveTokenOf(request);
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(issued.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(issued.getGitlabTokenId()).isEqualTo(token.id());
		assertThat(issued.getTokenFingerprint()).isEqualTo(this.fingerprints.of(value));
		AuditEvent succeeded = event(request, "issuance.succeeded");
		assertThat(succeeded.gitlabTokenId()).isEqualTo(token.id());
		assertThat(succeeded.tokenFingerprint()).isEqualTo(this.fingerprints.of(value));
		assertThat(actions(request)).containsSubsequence("issuance.started", "issuance.succeeded");

		PortalHttp.Response again = post(alice, request.getId(), "create");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body()).contains("already created").doesNotContain(value);
		assertThat(alice.get("/tokens").body()).contains(token.name()).doesNotContain(value);
		assertThat(alice.get("/requests/" + request.getId()).body()).doesNotContain(value);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).hasSize(1);
		assertThat(IssuanceTestSupport.dumpDatabase(this.jdbc)).doesNotContain(value);
	}

	@Test
	void twentyConcurrentPressesCreateExactlyOneToken() throws Exception {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		String csrf = IssuanceTestSupport.csrf(alice);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<PortalHttp.Response>> presses = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				presses.add(pool.submit(() -> {
					start.await();
					return alice.post("/requests/" + request.getId() + "/create", Map.of("_csrf", csrf));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			List<String> values = new ArrayList<>();
			for (Future<PortalHttp.Response> press : presses) {
				PortalHttp.Response response = press.get(60, TimeUnit.SECONDS);
				statuses.add(response.status());
				if (response.status() == 200) {
					values.add(valueIn(response.body()));
				}
			}
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(19);
			assertThat(values).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).hasSize(1);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isEqualTo(1);
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(actions(request)).filteredOn("issuance.succeeded"::equals).hasSize(1);
	}

	@Test
	void someoneElsePressingGetsNotFoundAndGitLabHearsNothing() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp bob = signedIn(this.port, "bob");

		PortalHttp.Response pressed = post(bob, request.getId(), "create");

		assertThat(pressed.status()).isEqualTo(404);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void groupThatForbidsTokenCreationIsExplainedAndTheRequestStaysApproved() {
		TokenRequest request = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.MONOLITH_ID,
				List.of("read_api"), 20, 30);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response refused = post(alice, request.getId(), "create");

		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/requests/" + request.getId());
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(reasonOf(after))
			.contains("Users can create project access tokens and group access tokens in this group", "\"legacy\"",
					"service account lacks Maintainer or Owner rights")
			.doesNotContain("Exception");
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.MONOLITH)).isZero();
		assertThat(event(request, "issuance.failed").details()).contains("\"gitlabStatus\":400");
		assertThat(flashMessages()).as("the request page gets it as the flash error")
			.contains("must enable \"Users can create project access tokens");

		this.sandbox.state().setTokenCreationAllowed(SandboxSeed.LEGACY, true);
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.MONOLITH)).isEqualTo(1);
	}

	@Test
	void scopeTheInstanceDoesNotOfferFailsTheRequestForGood() {
		this.sandbox.settings().withoutTokenScope("read_registry");
		TokenRequest request = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("read_registry"), 20, 30);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.FAILED);
		assertThat(reasonOf(after)).contains("does not offer one of the requested scopes",
				"scopes does not have a valid value");
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(409);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).hasSize(1);
	}

	@Test
	void expiryBeyondTheInstanceMaximumFailsTheRequestWithGitLabsLimit() {
		this.sandbox.settings().maxLifetimeDays(20);
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.FAILED);
		assertThat(reasonOf(after)).contains("later than this GitLab instance allows", "Expires at must be before");
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isZero();
	}

	@Test
	void serviceAccountRefusedByGitLabIsExplainedAndPressingAgainWorksOnceFixed() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).respond(403, "{\"message\":\"403 Forbidden\"}").times(1);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(reasonOf(after)).contains("refused the portal's service account", "HTTP 403");
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
	}

	@Test
	void rateLimitedCreateLeavesNothingBehindAndPressingAgainWorks() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).rateLimit(1).times(3);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(reasonOf(after)).contains("slow down", "Nothing was created");
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isEqualTo(1);
	}

	@Test
	void answerLostAfterGitLabCreatedTheTokenIsReconciledAndTheRequesterCreatesAgain() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).dropConnectionAfterAction().times(1);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response lost = post(alice, request.getId(), "create");

		assertThat(lost.status()).isEqualTo(502);
		assertThat(lost.body()).contains("answer was lost", "revoked any token");
		assertThat(this.sandbox.issuedTokenValues()).noneMatch(lost.body()::contains);
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).as("the orphan is revoked").isZero();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(actions(request)).containsSubsequence("issuance.started", "issuance.unknown",
				"reconciliation.token-found", "reconciliation.token-revoked", "reconciliation.completed");

		PortalHttp.Response again = post(alice, request.getId(), "create");

		assertThat(again.status()).isEqualTo(200);
		assertThat(activeTokensOf(request)).hasSize(1);
		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).hasSize(2);
	}

	@Test
	void answerLostWhileGitLabStaysDownIsLeftUnknownForTheJob() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).dropConnectionAfterAction().times(1);
		this.sandbox.faults().on("GET", CREATE_CALLS).respond(500, "{\"message\":\"500 Internal Server Error\"}");
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(502);

		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUE_UNKNOWN);
		assertThat(activeTokensOf(request)).as("the orphan, until GitLab answers").hasSize(1);
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(409);

		this.sandbox.faults().clear();
		assertThat(this.reconciliationJob.reconcile()).contains(request.getId());

		assertThat(activeTokensOf(request)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
		assertThat(activeTokensOf(request)).hasSize(1);
	}

	@Test
	void serverErrorOnCreateIsNeverRetriedAndReconciledWhenNothingWasMade() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).respond(502, "{}").times(1);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(502);

		assertThat(this.sandbox.faults().calls("POST", CREATE_CALLS)).hasSize(1);
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(reasonOf(after)).contains("GitLab had created no token");
	}

	@Test
	void tokenThePortalCannotRecordIsRevokedBeforeAnswering() {
		TokenRequest request = approvedApiRequest(this.requests);
		int issuedBefore = this.sandbox.issuedTokenValues().size();
		// a real database failure at the commit of step 3, for this request only
		this.jdbc.execute("create or replace function issuance_test_disk_full() returns trigger language plpgsql "
				+ "as $$ begin raise exception 'could not extend file' using errcode = '53100'; end $$");
		this.jdbc.execute("create trigger issuance_test_disk_full before update on token_request for each row "
				+ "when (new.id = '" + request.getId() + "' and new.status = 'ISSUED') "
				+ "execute function issuance_test_disk_full()");
		PortalHttp alice = signedIn(this.port, "alice");
		PortalHttp.Response failed;
		try {
			failed = post(alice, request.getId(), "create");
		}
		finally {
			this.jdbc.execute("drop trigger issuance_test_disk_full on token_request");
			this.jdbc.execute("drop function issuance_test_disk_full()");
		}

		assertThat(failed.status()).isEqualTo(503);
		assertThat(failed.body()).contains("could not record it", "revoked it at once");
		List<String> issued = this.sandbox.issuedTokenValues();
		assertThat(issued).as("GitLab did create one").hasSize(issuedBefore + 1);
		assertThat(failed.body()).doesNotContain(issued.get(issued.size() - 1));
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).as("and it was revoked").isZero();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(actions(request)).containsSubsequence("issuance.started", "issuance.failed", "token.revoked")
			.doesNotContain("issuance.succeeded");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);
		assertThat(activeTokensOf(request)).hasSize(1);
	}

	@Test
	void createAbandonedHalfWayIsSettledByTheJobOnceStuck() {
		TokenRequest request = approvedApiRequest(this.requests);
		// an instance that claimed the request and had GitLab create the token, then died
		TokenRequest claimed = this.steps.startIssuing(request.getId(),
				new TokenRequestEvent.Actor(SandboxSeed.ALICE_ID, "alice"));
		this.gitlab.create(claimed.target(), new NewAccessToken(claimed.gitlabName(), null, claimed.getScopes(),
				claimed.getAccessLevel(), claimed.getExpiresOn()));
		assertThat(activeTokensOf(request)).hasSize(1);

		assertThat(this.reconciliationJob.reconcile()).as("not stuck long enough yet").doesNotContain(request.getId());
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUING);

		assertThat(this.reconciliation.reconcileAll(Instant.now().plusSeconds(60))).contains(request.getId());

		assertThat(activeTokensOf(request)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(actions(request)).contains("reconciliation.token-revoked", "reconciliation.completed");
	}

	@Test
	void requesterWhoNeverReceivedThePageGetsItRevokedAndCreatesAgain() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		String first = valueIn(post(alice, request.getId(), "create").body());
		long firstId = this.requests.get(request.getId()).getGitlabTokenId();

		PortalHttp.Response notReceived = post(alice, request.getId(), "not-received");

		assertThat(notReceived.status()).isEqualTo(302);
		assertThat(this.sandbox.state().token(firstId)).as("revoked in GitLab").isEmpty();
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(after.getGitlabTokenId()).isNull();
		assertThat(actions(request)).containsSubsequence("issuance.succeeded", "token.not-received", "token.revoked");

		String second = valueIn(post(alice, request.getId(), "create").body());
		assertThat(second).isNotEqualTo(first);
		assertThat(activeTokensOf(request)).hasSize(1);
	}

	@Test
	void onlyTheRequesterMayReportANotReceivedToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(200);

		assertThat(post(signedIn(this.port, "bob"), request.getId(), "not-received").status()).isEqualTo(404);

		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(activeTokensOf(request)).hasSize(1);
	}

	private List<SandboxToken> activeTokensOf(TokenRequest request) {
		return this.sandbox.state()
			.accessTokens(request.getTargetPath())
			.stream()
			.filter((token) -> request.owns(token.name()))
			.filter((token) -> token.active(this.sandbox.state().today()))
			.toList();
	}

	private SandboxToken onlyActiveTokenOf(TokenRequest request) {
		List<SandboxToken> active = activeTokensOf(request);
		assertThat(active).hasSize(1);
		return active.get(0);
	}

	private String flashMessages() {
		return this.jdbc
			.queryForList("select attribute_bytes from spring_session_attributes where attribute_name like ?",
					byte[].class, "%FLASH_MAPS")
			.stream()
			.map((bytes) -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
			.collect(java.util.stream.Collectors.joining("\n"));
	}

	private List<String> actions(TokenRequest request) {
		return this.audit.eventsOfRequest(request.getId()).stream().map(AuditEvent::action).toList();
	}

	private AuditEvent event(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + action + " for " + request + ": " + actions(request)));
	}

	static UUID id(TokenRequest request) {
		return request.getId();
	}

	/**
	 * The request's status reason as an English reader sees it: the database keeps a
	 * code, the bundle the words.
	 */
	private String reasonOf(TokenRequest request) {
		return this.messages.getMessage(request.getStatusReason(), Locale.ENGLISH);
	}

}
