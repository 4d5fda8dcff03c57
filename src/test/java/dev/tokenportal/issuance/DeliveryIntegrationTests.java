package dev.tokenportal.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.RecordedCall;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.gitlabsandbox.SandboxVariable;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.ALICE;
import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.csrf;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens that go straight into a CI/CD variable, on the whole portal against the GitLab
 * sandbox: the value lands in the sandbox's variable and nowhere in the portal (page,
 * database, log); a write that cannot be done leaves no token behind and says why;
 * rotation writes the new value before the old token dies; revoke deletes the variable
 * unless kept; reconciliation removes a variable of a token it revokes.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class DeliveryIntegrationTests {

	private static final String KEY = "PORTAL_TOKEN";

	private static final String WEB = SandboxSeed.WEB;

	private static final Path LOG = Path.of("target/test-logs/portal.log");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IssuanceSteps steps;

	@Autowired
	GitLabTokenClient gitlab;

	@Autowired
	VariableDelivery delivery;

	@Autowired
	ReconciliationService reconciliation;

	@Autowired
	TokenExpiryJob expiryJob;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void deliveredTokenLandsMaskedAndHiddenInTheVariableAndNowhereInThePortal() throws IOException {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response created = createInto(alice, request, WEB);

		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).contains("no-store");
		SandboxVariable variable = variable();
		String value = variable.value();
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		assertThat(variable.masked()).isTrue();
		assertThat(variable.hidden()).isTrue();
		assertThat(variable.isProtected()).isTrue();
		assertThat(variable.description()).contains("tp-" + request.getShortId());
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(issued.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(revoked(issued.getGitlabTokenId())).isFalse();
		assertThat(created.body())
			.contains(KEY, WEB, "Masked and hidden", "$" + KEY, ".gitlab-ci.yml", "/-/settings/ci_cd",
					"Nobody sees this token")
			.doesNotContain(value, "token-value");
		assertThat(alice.get("/requests/" + request.getId()).body()).doesNotContain(value);
		assertThat(alice.get("/tokens").body()).doesNotContain(value);
		String rows = dump("token_request") + dump("token_delivery") + dump("audit_event");
		assertThat(rows).contains(KEY, String.valueOf(issued.getGitlabTokenId())).doesNotContain(value);
		assertThat(IssuanceTestSupport.dumpDatabase(this.jdbc)).doesNotContain(value);
		assertThat(Files.readString(LOG, StandardCharsets.UTF_8)).doesNotContain(value);
		assertThat(state(request)).containsExactly("DELIVERED");
		AuditEvent written = event(request, "delivery.written");
		assertThat(written.gitlabTokenId()).isEqualTo(issued.getGitlabTokenId());
		assertThat(written.details()).contains(WEB, KEY, "\"hidden\":true");
		assertThat(actions(request)).containsSubsequence("delivery.destination-chosen", "issuance.started",
				"issuance.succeeded", "delivery.written");
	}

	@Test
	void onGitLabOlderThan17Point4TheVariableIsMaskedOnlyAndThePageSaysSo() {
		this.sandbox.settings().version("17.3.0");
		TokenRequest request = approvedApiRequest(this.requests);

		PortalHttp.Response created = createInto(signedIn(this.port, "alice"), request, WEB);

		assertThat(created.status()).isEqualTo(200);
		SandboxVariable variable = variable();
		assertThat(variable.masked()).isTrue();
		assertThat(variable.hidden()).isFalse();
		assertThat(created.body()).contains("Masked, not hidden: GitLab older than 17.4")
			.doesNotContain(variable.value());
	}

	@Test
	void keyTakenRevokesTheNewTokenAndGivesTheRequestBackWithTheReason() {
		this.sandbox.state().addVariable(WEB, KEY, "someone-elses-value-1234");
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response refused = createInto(alice, request, WEB);

		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/requests/" + request.getId());
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/access_tokens")).hasSize(1);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API))
			.as("the token GitLab made is revoked at once")
			.isZero();
		assertThat(variable().value()).isEqualTo("someone-elses-value-1234");
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(after.getGitlabTokenId()).isNull();
		assertThat(after.getDestination()).as("a destination chosen at Create is given back").isNull();
		assertThat(alice.get(refused.location()).body()).contains("already exists in " + WEB,
				"never overwrites a variable it did not write");
		assertThat(actions(request)).contains("delivery.failed", "token.revoked");
		assertThat(state(request)).containsExactly("FAILED");
	}

	@Test
	void anEmptyDestinationIsRefusedWithItsReasonBeforeAnythingIsCreated() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response refused = createInto(alice, request, "  ");

		assertThat(refused.status()).isEqualTo(302);
		assertThat(refused.location()).endsWith("/requests/" + request.getId());
		assertThat(alice.get(refused.location()).body()).contains("Name the project or group");
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/access_tokens")).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
	}

	@Test
	void requesterDemotedBeforeCreateGetsNothingWrittenAndNoToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.state().setAccessLevel(WEB, "alice", 30);
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response refused = createInto(alice, request, WEB);

		assertThat(refused.status()).isEqualTo(302);
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(this.sandbox.state().variables(WEB)).isEmpty();
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/access_tokens")).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(alice.get(refused.location()).body()).contains("manage its CI/CD variables");
	}

	@Test
	void lostAnswerOnTheWriteIsSettledWithAnUpdateAndLeavesNoOrphan() {
		this.sandbox.faults().on("POST", "/api/v4/projects/*/variables").dropConnectionAfterAction().times(1);
		TokenRequest request = approvedApiRequest(this.requests);

		PortalHttp.Response created = createInto(signedIn(this.port, "alice"), request, WEB);

		assertThat(created.status()).isEqualTo(200);
		assertThat(created.body()).contains(KEY);
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/variables")).hasSize(1);
		assertThat(this.sandbox.faults().calls("PUT", "/api/v4/projects/*/variables/" + KEY)).hasSize(1);
		assertThat(this.sandbox.state().variables(WEB)).hasSize(1);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isEqualTo(1);
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isEqualTo(1);
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(issued.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(this.sandbox.issuedTokenValues()).contains(variable().value());
	}

	@Test
	void rotationWritesTheNewValueIntoTheSameVariableBeforeRevokingTheOldToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		long oldTokenId = this.requests.get(request.getId()).getGitlabTokenId();
		String oldValue = variable().value();
		this.sandbox.faults().clearCalls();

		PortalHttp.Response rotated = alice.post("/requests/" + request.getId() + "/rotate",
				Map.of("_csrf", csrf(alice)));

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.body()).contains("Your rotated token is in its CI/CD variable", KEY);
		TokenRequest after = this.requests.get(request.getId());
		long newTokenId = after.getGitlabTokenId();
		assertThat(newTokenId).isNotEqualTo(oldTokenId);
		String newValue = variable().value();
		assertThat(newValue).isNotEqualTo(oldValue);
		assertThat(rotated.body()).doesNotContain(newValue);
		assertThat(this.sandbox.state().variables(WEB)).hasSize(1);
		assertThat(revoked(oldTokenId)).isTrue();
		assertThat(revoked(newTokenId)).isFalse();
		List<RecordedCall> calls = this.sandbox.faults().calls();
		int update = indexOf(calls, "PUT", "/variables/" + KEY);
		int revokeOld = indexOf(calls, "DELETE", "/access_tokens/" + oldTokenId);
		assertThat(update).as("the variable is updated").isNotNegative();
		assertThat(revokeOld).as("the old token is revoked after the update").isGreaterThan(update);
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/access_tokens/*/rotate"))
			.as("GitLab's rotate would revoke the old token first")
			.isEmpty();
		assertThat(state(request)).containsExactly("REPLACED", "DELIVERED");
		assertThat(actions(request)).containsSubsequence("token.rotated", "delivery.written");
	}

	@Test
	void failedRedeliveryRevokesTheNewTokenAndKeepsTheOldOneWorking() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		long oldTokenId = this.requests.get(request.getId()).getGitlabTokenId();
		String oldValue = variable().value();
		this.sandbox.faults()
			.on("PUT", "/api/v4/projects/*/variables/*")
			.respond(403, "{\"message\":\"403 Forbidden\"}");

		PortalHttp.Response refused = alice.post("/requests/" + request.getId() + "/rotate",
				Map.of("_csrf", csrf(alice)));

		assertThat(refused.status()).isEqualTo(302);
		assertThat(alice.get(refused.location()).body()).contains("current token keeps working");
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(after.getGitlabTokenId()).isEqualTo(oldTokenId);
		assertThat(revoked(oldTokenId)).isFalse();
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).as("the new token is revoked").isEqualTo(1);
		assertThat(variable().value()).isEqualTo(oldValue);
	}

	@Test
	void rotationIsRefusedWhenTheRequesterMayNoLongerManageTheVariable() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		long tokenId = this.requests.get(request.getId()).getGitlabTokenId();
		String value = variable().value();
		this.sandbox.state().setAccessLevel(WEB, "alice", 30);

		PortalHttp.Response refused = alice.post("/requests/" + request.getId() + "/rotate",
				Map.of("_csrf", csrf(alice)));

		assertThat(refused.status()).isEqualTo(302);
		assertThat(alice.get(refused.location()).body()).contains("manage its CI/CD variables");
		assertThat(this.sandbox.state().tokenCount(SandboxSeed.API)).isEqualTo(1);
		assertThat(revoked(tokenId)).isFalse();
		assertThat(variable().value()).isEqualTo(value);
	}

	@Test
	void nobodyCanSayADeliveredTokenNeverArrived() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		long tokenId = this.requests.get(request.getId()).getGitlabTokenId();

		PortalHttp.Response refused = alice.post("/requests/" + request.getId() + "/not-received",
				Map.of("_csrf", csrf(alice)));

		assertThat(refused.status()).isEqualTo(302);
		assertThat(alice.get(refused.location()).body()).contains("nobody was meant to receive it");
		assertThat(revoked(tokenId)).isFalse();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
	}

	@Test
	void revokeDeletesTheVariableItWrote() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		long tokenId = this.requests.get(request.getId()).getGitlabTokenId();

		PortalHttp.Response confirm = alice.get("/requests/" + request.getId() + "/revoke");
		assertThat(confirm.body()).contains("also deletes that variable", "Keep the variable", KEY);
		PortalHttp.Response revoked = alice.post("/requests/" + request.getId() + "/revoke",
				Map.of("_csrf", PortalHttp.csrfToken(confirm.body())));

		assertThat(revoked.status()).isEqualTo(302);
		assertThat(revoked(tokenId)).isTrue();
		assertThat(this.sandbox.state().variables(WEB)).isEmpty();
		assertThat(state(request)).containsExactly("REMOVED");
		assertThat(event(request, "delivery.removed").details()).contains("REMOVED", KEY);
	}

	@Test
	void revokeKeepsTheVariableWhenAsked() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);

		PortalHttp.Response revoked = alice.post("/requests/" + request.getId() + "/revoke",
				Map.of("_csrf", csrf(alice), "keepVariable", "on"));

		assertThat(revoked.status()).isEqualTo(302);
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(this.sandbox.state().variables(WEB)).hasSize(1);
		assertThat(state(request)).containsExactly("KEPT");
		assertThat(event(request, "delivery.removed").details()).contains("KEPT");
	}

	@Test
	void aRevokeThatCannotDeleteTheVariableSaysWhichVariableStillHoldsTheDeadToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		this.sandbox.faults().on("DELETE", "/api/v4/projects/*/variables/" + KEY).respond(500, "{\"message\":\"500\"}");

		PortalHttp.Response revoked = alice.post("/requests/" + request.getId() + "/revoke",
				Map.of("_csrf", csrf(alice)));

		assertThat(revoked.status()).isEqualTo(302);
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(this.sandbox.state().variables(WEB)).hasSize(1);
		assertThat(state(request)).containsExactly("LEFT");
		assertThat(alice.get(revoked.location()).body()).contains(
				"The portal could not delete the CI/CD variable " + KEY + " (environments *) of " + WEB,
				"it still holds the revoked token");
	}

	@Test
	void theExpiryJobRemovesTheVariableOfATokenItExpires() {
		TokenRequest request = approvedApiRequest(this.requests);
		PortalHttp alice = signedIn(this.port, "alice");
		assertThat(createInto(alice, request, WEB).status()).isEqualTo(200);
		TokenRequest issued = this.requests.get(request.getId());

		assertThat(this.expiryJob.expireDueBy(issued.getIssuedExpiresOn())).contains(request.getId());

		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.EXPIRED);
		assertThat(this.sandbox.state().variables(WEB)).as("no dead token left in the variable").isEmpty();
		assertThat(state(request)).containsExactly("REMOVED");
		AuditEvent removed = event(request, "delivery.removed");
		assertThat(removed.details()).contains("REMOVED", KEY);
		assertThat(removed.gitlabTokenId()).isEqualTo(issued.getGitlabTokenId());
	}

	@Test
	void reconciliationRemovesTheVariableOfATokenItRevokes() {
		// the portal stopped after writing the variable and before recording the token
		TokenRequest request = approvedApiRequest(this.requests);
		TokenRequest chosen = this.delivery.prepare(request, ALICE,
				new VariableDelivery.DestinationChoice(WEB, KEY, "*", true, true));
		TokenRequest issuing = this.steps.startIssuing(chosen.getId(), Actor.of(ALICE));
		CreatedAccessToken created = this.gitlab.create(issuing.target(), new NewAccessToken(issuing.gitlabName(),
				"orphan", issuing.getScopes(), issuing.getAccessLevel(), issuing.getExpiresOn()));
		this.delivery.write(issuing, created);
		assertThat(variable().value()).isEqualTo(created.value());

		List<UUID> settled = this.reconciliation.reconcileAll(Instant.now().plusSeconds(60));

		assertThat(settled).contains(request.getId());
		assertThat(revoked(created.token().id())).isTrue();
		assertThat(this.sandbox.state().variables(WEB)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(actions(request)).contains("reconciliation.token-revoked", "delivery.taken-back");
		assertThat(state(request)).containsExactly("FAILED");
	}

	private PortalHttp.Response createInto(PortalHttp browser, TokenRequest request, String path) {
		Map<String, String> form = new HashMap<>();
		form.put("_csrf", csrf(browser));
		form.put("deliver", "on");
		form.put("destinationPath", path);
		form.put("variableKey", KEY);
		form.put("environmentScope", "*");
		form.put("protectedOnly", "on");
		form.put("maskedAndHidden", "on");
		return browser.post("/requests/" + request.getId() + "/create", form);
	}

	/** Revoked, or forgotten as GitLab before 17.9 forgets revoked tokens. */
	private boolean revoked(long tokenId) {
		return this.sandbox.state().token(tokenId).map(SandboxToken::revoked).orElse(true);
	}

	private SandboxVariable variable() {
		return this.sandbox.state().variable(WEB, KEY, "*").orElseThrow();
	}

	private List<String> state(TokenRequest request) {
		return this.jdbc.queryForList("select state from token_delivery where request_id = ? order by started_at",
				String.class, request.getId());
	}

	private String dump(String table) {
		StringBuilder rows = new StringBuilder();
		this.jdbc.query("select t::text from " + table + " t", (java.sql.ResultSet rs) -> {
			rows.append(rs.getString(1)).append('\n');
		});
		return rows.toString();
	}

	private List<String> actions(TokenRequest request) {
		return this.audit.eventsOfRequest(request.getId()).stream().map(AuditEvent::action).toList();
	}

	private AuditEvent event(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + action + " for " + request.getShortId()));
	}

	private static int indexOf(List<RecordedCall> calls, String method, String pathEnd) {
		for (int i = 0; i < calls.size(); i++) {
			if (calls.get(i).method().equals(method) && calls.get(i).path().endsWith(pathEnd)) {
				return i;
			}
		}
		return -1;
	}

}
