package dev.tokenportal.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each action a person takes through the web produces exactly its event, with every field
 * that applies set: who (GitLab id and username), from where (client IP, user agent,
 * correlation id), what and how it ended, the target, the request, GitLab's token id and
 * the value's fingerprint, details, and a hash that matches. Driven through the real
 * flows over HTTP against the sandbox.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class AuditRecordingIntegrationTests {

	private static final Pattern REQUEST_ID = Pattern.compile("/requests/([0-9a-f-]{36})$");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditChain chain;

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.alice = signedIn("alice");
	}

	@Test
	void submittingRecordsTheRequestAndThePolicyDecision() {
		UUID id = submit(this.alice, form("read_api", "20"));
		AuditEvent submitted = only(id, "request.submitted");
		assertByPerson(submitted, SandboxSeed.ALICE_ID, "alice", "SUCCESS");
		assertTarget(submitted, "project", SandboxSeed.API_ID, SandboxSeed.API);
		assertThat(submitted.details()).contains("\"scopes\":\"read_api\"", "\"accessLevel\":20");
		AuditEvent decided = only(id, "policy.decided");
		assertThat(decided.actorUsername()).isEqualTo("system");
		assertThat(decided.details()).contains("\"tier\":\"LOW\"", "\"rule\":\"low.read-only\"", "policyVersion");
	}

	@Test
	void refusedSubmitIsRecordedWithoutARequest() {
		PortalHttp mallory = signedIn("mallory");
		String before = latestSeq();
		mallory.post("/requests/new", withCsrf(mallory, "/requests/new", form("read_api", "20")));
		List<AuditEvent> denied = this.jdbc.query(
				"select * from audit_event where seq > ? and action = "
						+ "'request.submitted' and actor_username = 'mallory'",
				AuditTrail.ROW_MAPPER, Long.parseLong(before));
		assertThat(denied).singleElement().satisfies((event) -> {
			assertByPerson(event, SandboxSeed.MALLORY_ID, "mallory", "DENIED");
			assertThat(event.requestId()).isNull();
		});
	}

	@Test
	void approvalIsRecordedWithTheOwnersLevel() {
		UUID id = submit(this.alice, form("write_repository", "30"));
		decide(signedIn("carol"), id, "approve", Map.of());
		AuditEvent approved = only(id, "request.approved");
		assertByPerson(approved, SandboxSeed.CAROL_ID, "carol", "SUCCESS");
		assertTarget(approved, "project", SandboxSeed.API_ID, SandboxSeed.API);
		assertThat(approved.details()).contains("1 of 1");
	}

	@Test
	void rejectionIsRecordedWithTheReason() {
		UUID id = submit(this.alice, form("write_repository", "30"));
		decide(signedIn("carol"), id, "reject", Map.of("reason", "Use the shared deploy key."));
		AuditEvent rejected = only(id, "request.rejected");
		assertByPerson(rejected, SandboxSeed.CAROL_ID, "carol", "SUCCESS");
		assertThat(rejected.details()).contains("Use the shared deploy key.");
	}

	@Test
	void selfApprovalAttemptIsRecordedAsRefused() {
		PortalHttp bob = signedIn("bob");
		UUID id = submit(bob, form("write_repository", "30"));
		decide(bob, id, "approve", Map.of());
		AuditEvent refused = only(id, "approval.refused");
		assertByPerson(refused, SandboxSeed.BOB_ID, "bob", "DENIED");
		assertThat(this.jdbc.queryForObject("select status from token_request where id = ?", String.class, id))
			.isEqualTo("PENDING_APPROVAL");
	}

	@Test
	void cancelIsRecorded() {
		UUID id = submit(this.alice, form("write_repository", "30"));
		this.alice.post("/requests/" + id + "/cancel", withCsrf(this.alice, "/requests/" + id, Map.of()));
		assertByPerson(only(id, "request.cancelled"), SandboxSeed.ALICE_ID, "alice", "SUCCESS");
	}

	@Test
	void creatingRecordsTheStartBeforeGitLabAndTheTokenAfter() {
		UUID id = submit(this.alice, form("read_api", "20"));
		assertThat(this.alice.post("/requests/" + id + "/create", withCsrf(this.alice, "/requests/" + id, Map.of()))
			.status()).isEqualTo(200);
		AuditEvent started = only(id, "issuance.started");
		AuditEvent succeeded = only(id, "issuance.succeeded");
		assertByPerson(started, SandboxSeed.ALICE_ID, "alice", "SUCCESS");
		assertByPerson(succeeded, SandboxSeed.ALICE_ID, "alice", "SUCCESS");
		assertThat(started.seq()).isLessThan(succeeded.seq());
		assertThat(started.occurredAt()).isBeforeOrEqualTo(succeeded.occurredAt());
		Long tokenId = this.jdbc.queryForObject("select gitlab_token_id from token_request where id = ?", Long.class,
				id);
		assertThat(succeeded.gitlabTokenId()).isEqualTo(tokenId);
		assertThat(succeeded.tokenFingerprint()).hasSize(64)
			.isEqualTo(this.jdbc.queryForObject("select token_fingerprint from token_request where id = ?",
					String.class, id));
	}

	@Test
	void gitLabRefusalIsRecordedAsAFailedIssuance() {
		Map<String, String> legacy = form("read_api", "20");
		legacy.put("target", "project:" + SandboxSeed.MONOLITH_ID);
		UUID id = submit(this.alice, legacy);
		this.alice.post("/requests/" + id + "/create", withCsrf(this.alice, "/requests/" + id, Map.of()));
		AuditEvent failed = only(id, "issuance.failed");
		assertByPerson(failed, SandboxSeed.ALICE_ID, "alice", "FAILURE");
		assertTarget(failed, "project", SandboxSeed.MONOLITH_ID, SandboxSeed.MONOLITH);
		assertThat(failed.details()).containsIgnoringCase("permission");
	}

	@Test
	void revokeAndNotReceivedAreRecordedWithTheToken() {
		UUID first = submit(this.alice, form("read_api", "20"));
		this.alice.post("/requests/" + first + "/create", withCsrf(this.alice, "/requests/" + first, Map.of()));
		Long tokenId = this.jdbc.queryForObject("select gitlab_token_id from token_request where id = ?", Long.class,
				first);
		this.alice.post("/requests/" + first + "/not-received", withCsrf(this.alice, "/requests/" + first, Map.of()));
		AuditEvent notReceived = only(first, "token.not-received");
		assertByPerson(notReceived, SandboxSeed.ALICE_ID, "alice", "SUCCESS");
		assertThat(notReceived.gitlabTokenId()).isEqualTo(tokenId);
		this.alice.post("/requests/" + first + "/create", withCsrf(this.alice, "/requests/" + first, Map.of()));
		PortalHttp dave = signedIn("dave");
		assertThat(dave.post("/requests/" + first + "/revoke", withCsrf(dave, "/requests/" + first, Map.of())).status())
			.isEqualTo(302);
		List<AuditEvent> revoked = events(first, "token.revoked");
		assertThat(revoked).last().satisfies((event) -> {
			assertByPerson(event, SandboxSeed.DAVE_ID, "dave", "SUCCESS");
			assertThat(event.gitlabTokenId()).isNotNull().isNotEqualTo(tokenId);
			assertThat(event.tokenFingerprint()).hasSize(64);
		});
	}

	@Test
	void refusedPageIsRecordedAsAccessDenied() {
		String before = latestSeq();
		assertThat(this.alice.get("/audit").status()).isEqualTo(403);
		List<AuditEvent> denied = this.jdbc.query(
				"select * from audit_event where seq > ? and action = 'access.denied' and actor_username = 'alice'",
				AuditTrail.ROW_MAPPER, Long.parseLong(before));
		assertThat(denied).singleElement().satisfies((event) -> {
			assertByPerson(event, SandboxSeed.ALICE_ID, "alice", "DENIED");
			assertThat(event.details()).contains("\"path\":\"/audit\"", "\"method\":\"GET\"");
		});
	}

	private void assertByPerson(AuditEvent event, long userId, String username, String outcome) {
		assertThat(event.actorId()).isEqualTo(userId);
		assertThat(event.actorUsername()).isEqualTo(username);
		assertThat(event.outcome()).isEqualTo(outcome);
		assertThat(event.clientIp()).isEqualTo("127.0.0.1");
		assertThat(event.userAgent()).isNotBlank();
		assertThat(event.correlationId()).isNotBlank();
		assertThat(event.eventId()).isNotNull();
		assertThat(event.occurredAt()).isNotNull();
		assertThat(event.details()).startsWith("{");
		assertThat(this.chain.matches(event)).isTrue();
	}

	private static void assertTarget(AuditEvent event, String type, long id, String path) {
		assertThat(event.targetType()).isEqualTo(type);
		assertThat(event.targetId()).isEqualTo(id);
		assertThat(event.targetPath()).isEqualTo(path);
	}

	private AuditEvent only(UUID requestId, String action) {
		List<AuditEvent> events = events(requestId, action);
		assertThat(events).as("exactly one %s for the request", action).hasSize(1);
		return events.get(0);
	}

	private List<AuditEvent> events(UUID requestId, String action) {
		return this.jdbc.query("select * from audit_event where request_id = ? and action = ? order by seq",
				AuditTrail.ROW_MAPPER, requestId, action);
	}

	private String latestSeq() {
		return String.valueOf(this.jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class));
	}

	private UUID submit(PortalHttp person, Map<String, String> fields) {
		PortalHttp.Response response = person.post("/requests/new", withCsrf(person, "/requests/new", fields));
		assertThat(response.status()).as(response.body()).isEqualTo(302);
		Matcher matcher = REQUEST_ID.matcher(response.location());
		assertThat(matcher.find()).isTrue();
		return UUID.fromString(matcher.group(1));
	}

	private void decide(PortalHttp owner, UUID id, String decision, Map<String, String> fields) {
		owner.post("/requests/" + id + "/" + decision, withCsrf(owner, "/requests/" + id, fields));
	}

	private static Map<String, String> withCsrf(PortalHttp person, String page, Map<String, String> fields) {
		Map<String, String> body = new LinkedHashMap<>(fields);
		body.put("_csrf", PortalHttp.csrfToken(person.get(page).body()));
		return body;
	}

	private static Map<String, String> form(String scope, String level) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("target", "project:" + SandboxSeed.API_ID);
		form.put("tokenName", "audited");
		form.put("scopes", scope);
		form.put("accessLevel", level);
		form.put("expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
		form.put("justification", "Audit coverage");
		form.put("intent", "submit");
		return form;
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

}
