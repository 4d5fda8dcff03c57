package dev.tokenportal.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fail closed: when the trail cannot take a change's event, the change does not happen.
 * Each feature only publishes its event; the audit listener writes the row in the
 * publishing transaction, so a refused insert (a test-only trigger standing in for a full
 * disk or a lost grant) rolls the change back with it, whichever module made it.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class FailClosedIntegrationTests {

	private static final Pattern REQUEST_ID = Pattern.compile("/requests/([0-9a-f-]{36})$");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.alice = signedIn("alice");
		this.jdbc.execute("create or replace function audit_test_refuse() returns trigger language plpgsql as $$ "
				+ "begin raise exception 'the trail cannot take % (test)', new.action; end $$");
	}

	@AfterEach
	void acceptAgain() {
		this.jdbc.execute("drop trigger if exists audit_test_refuse on audit_event");
		this.jdbc.execute("drop function if exists audit_test_refuse()");
	}

	@Test
	void cancelIsNotCommittedWithoutItsEvent() {
		UUID id = submit(form("write_repository", "30"));
		refuse("request.cancelled");

		PortalHttp.Response response = this.alice.post("/requests/" + id + "/cancel",
				withCsrf(this.alice, "/requests/" + id, Map.of()));

		assertThat(response.status()).isGreaterThanOrEqualTo(500);
		assertThat(statusOf(id)).isEqualTo("PENDING_APPROVAL");
		assertThat(rows(id, "request.cancelled")).isZero();
	}

	@Test
	void approvalIsNotCommittedWithoutItsEvent() {
		UUID id = submit(form("write_repository", "30"));
		refuse("request.approved");
		PortalHttp carol = signedIn("carol");

		PortalHttp.Response response = carol.post("/requests/" + id + "/approve",
				withCsrf(carol, "/requests/" + id, Map.of()));

		assertThat(response.status()).isGreaterThanOrEqualTo(500);
		assertThat(statusOf(id)).isEqualTo("PENDING_APPROVAL");
		assertThat(this.jdbc.queryForObject("select count(*) from approval where request_id = ?", Long.class, id))
			.as("the Owner's decision is not kept either")
			.isZero();
		assertThat(rows(id, "request.approved")).isZero();
	}

	@Test
	void createNeverReachesGitLabWhenItsStartCannotBeRecorded() {
		UUID id = submit(form("read_api", "20"));
		assertThat(statusOf(id)).isEqualTo("APPROVED");
		refuse("issuance.started");

		PortalHttp.Response response = this.alice.post("/requests/" + id + "/create",
				withCsrf(this.alice, "/requests/" + id, Map.of()));

		assertThat(response.status()).isGreaterThanOrEqualTo(500);
		assertThat(response.body()).doesNotContain("glpat-");
		assertThat(statusOf(id)).as("not claimed").isEqualTo("APPROVED");
		assertThat(this.sandbox.state().accessTokens(SandboxSeed.API)).as("GitLab heard nothing of it")
			.noneMatch((token) -> token.name().contains("tp-" + id.toString().substring(0, 8)));
	}

	@Test
	void theTrailTakesEventsAgainOnceItCan() {
		UUID id = submit(form("write_repository", "30"));
		refuse("request.cancelled");
		this.alice.post("/requests/" + id + "/cancel", withCsrf(this.alice, "/requests/" + id, Map.of()));
		acceptAgain();

		PortalHttp.Response response = this.alice.post("/requests/" + id + "/cancel",
				withCsrf(this.alice, "/requests/" + id, Map.of()));

		assertThat(response.status()).isEqualTo(302);
		assertThat(statusOf(id)).isEqualTo("CANCELLED");
		assertThat(rows(id, "request.cancelled")).isOne();
	}

	private void refuse(String action) {
		this.jdbc.execute("create trigger audit_test_refuse before insert on audit_event for each row "
				+ "when (new.action = '" + action + "') execute function audit_test_refuse()");
	}

	private String statusOf(UUID id) {
		return this.jdbc.queryForObject("select status from token_request where id = ?", String.class, id);
	}

	private long rows(UUID id, String action) {
		return this.jdbc.queryForObject("select count(*) from audit_event where request_id = ? and action = ?",
				Long.class, id, action);
	}

	private UUID submit(Map<String, String> fields) {
		PortalHttp.Response response = this.alice.post("/requests/new", withCsrf(this.alice, "/requests/new", fields));
		assertThat(response.status()).as(response.body()).isEqualTo(302);
		Matcher matcher = REQUEST_ID.matcher(response.location());
		assertThat(matcher.find()).isTrue();
		return UUID.fromString(matcher.group(1));
	}

	private static Map<String, String> withCsrf(PortalHttp person, String page, Map<String, String> fields) {
		Map<String, String> body = new LinkedHashMap<>(fields);
		body.put("_csrf", PortalHttp.csrfToken(person.get(page).body()));
		return body;
	}

	private static Map<String, String> form(String scope, String level) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("target", "project:" + SandboxSeed.API_ID);
		form.put("tokenName", "fail-closed");
		form.put("scopes", scope);
		form.put("accessLevel", level);
		form.put("expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(7).toString());
		form.put("justification", "Fail closed");
		form.put("intent", "submit");
		return form;
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

}
