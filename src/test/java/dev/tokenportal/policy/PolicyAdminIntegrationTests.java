package dev.tokenportal.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.BeanPropertyBindingResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The policy admin pages over real HTTP: the service refuses anyone but portal admins
 * too; every change is a new, audited version that the next submit uses; a group override
 * tightens the rules for that group only until it is switched off. Who reaches the pages,
 * and how bad input is refused with nothing saved, is in
 * {@link PolicyAdminControllerTests}. Each test puts the built-in defaults back, because
 * the database is shared with every other test.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class PolicyAdminIntegrationTests {

	private static final Pattern REQUEST_ID = Pattern.compile("/requests/([0-9a-f-]{36})$");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PolicyService policy;

	@Autowired
	PolicyAdministration administration;

	PortalHttp erin;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		this.erin = signedIn("erin");
	}

	@AfterEach
	void restoreTheBuiltInDefaults() {
		asAdmin(() -> {
			if (!this.policy.rulesFor(PolicyService.DEFAULT_SCOPE).equals(PolicyRules.defaults())) {
				this.policy.change(PolicyService.DEFAULT_SCOPE, PolicyRules.defaults(), true, "test clean-up",
						PolicyEditor.SYSTEM);
			}
			for (String group : new String[] { "legacy", "platform" }) {
				this.policy.latest(group)
					.filter(PolicyVersion::active)
					.ifPresent((override) -> this.policy.change(group, override.rules(), false, "test clean-up",
							PolicyEditor.SYSTEM));
			}
		});
	}

	@Test
	void adminSeesTheRulesInForceAndTheirHistory() {
		PortalHttp.Response page = this.erin.get("/admin/policy");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Portal-wide rules", "id=\"defaults-form\"", "Version history")
			.containsPattern("name=\"maxLifetimeDays\" min=\"1\" max=\"365\"\\s+value=\"365\"");
	}

	@Test
	void theServiceRefusesNonAdminsToo() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("alice", null, "ROLE_USER"));
		try {
			PolicyRulesForm form = PolicyRulesForm.of(null, PolicyRules.defaults());
			assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.administration
				.changeDefaults(form, new BeanPropertyBindingResult(form, "form"), PolicyEditor.user(3, "alice")));
			assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.policy.change("",
					PolicyRules.defaults(), true, "sneaky", PolicyEditor.user(3, "alice")));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	@Test
	void aChangeIsANewAuditedVersionThatTheNextSubmitUses() {
		long before = this.policy.currentVersion();
		PortalHttp.Response saved = save("/admin/policy",
				with(defaultsForm(), "lowMaxLifetimeDays", "5", "comment", "Short-lived tokens only, ticket SEC-12"));
		assertThat(saved.status()).isEqualTo(302);
		long version = this.policy.currentVersion();
		assertThat(version).isGreaterThan(before);
		assertThat(this.policy.rulesFor("platform").lowMaxLifetimeDays()).isEqualTo(5);
		Map<String, Object> audit = this.jdbc
			.queryForMap("select actor_username, outcome, details from audit_event where action = 'policy.changed' "
					+ "order by seq desc limit 1");
		assertThat(audit).containsEntry("actor_username", "erin").containsEntry("outcome", "SUCCESS");
		assertThat((String) audit.get("details")).contains("Short-lived tokens only, ticket SEC-12",
				"\"version\":" + version);
		String page = this.erin.get(saved.location()).body();
		assertThat(page).contains("saved as a new version", "Short-lived tokens only, ticket SEC-12",
				"data-version=\"" + version + "\"");
		Map<String, Object> request = submitAsAlice("project:11", "read_api", 7);
		assertThat(request).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "STANDARD")
			.containsEntry("policy_version", version);
		assertThat(request).containsEntry("policy_reason_code", "policy.reason.standard.default.lifetime");
		assertThat(this.jdbc.queryForObject("select policy_reason_args[1] from token_request where id = ?",
				String.class, request.get("id")))
			.as("the new threshold, as the argument of its code")
			.isEqualTo("5");
	}

	@Test
	void aGroupOverrideTightensThatGroupOnlyUntilSwitchedOff() {
		PortalHttp.Response saved = save("/admin/policy/groups", with(defaultsForm(), "group", "legacy", "minimumTier",
				"STANDARD", "comment", "Legacy is being retired; every token needs an Owner"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(this.erin.get("/admin/policy").body()).contains("data-group=\"legacy\"", "in force");
		// legacy has no Owner in the seed; without one a request needing approval is
		// refused at once
		this.sandbox.state().addMember("legacy", "bob", 50);
		Map<String, Object> legacy = submitAsAlice("project:14", "read_api", 7);
		assertThat(legacy).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("tier", "STANDARD")
			.containsEntry("policy_rule", "minimum-tier");
		assertThat(submitAsAlice("project:11", "read_api", 7)).as("other groups keep the portal-wide rules")
			.containsEntry("status", "APPROVED");
		String group = this.erin.get("/admin/policy/groups/legacy").body();
		assertThat(group).contains("value=\"legacy\"", "<option value=\"STANDARD\" selected=\"selected\"");
		PortalHttp.Response off = this.erin.post("/admin/policy/groups/legacy/deactivate",
				Map.of("comment", "Retirement postponed", "_csrf", PortalHttp.csrfToken(group)));
		assertThat(off.status()).isEqualTo(302);
		assertThat(submitAsAlice("project:14", "read_api", 7)).containsEntry("status", "APPROVED");
		assertThat(this.erin.get("/admin/policy").body()).contains("switched off", "Retirement postponed");
	}

	@Test
	void whatAGroupForbidsIsRefusedNextToTheField() {
		PortalHttp.Response saved = save("/admin/policy/groups",
				with(defaultsForm(), "group", "platform", "forbiddenScopes", "write_repository", "maxLifetimeDays",
						"10", "standardMaxLifetimeDays", "10", "lowMaxLifetimeDays", "5", "comment",
						"No pushes from bots"));
		assertThat(saved.status()).isEqualTo(302);
		PortalHttp alice = signedIn("alice");
		long requests = count();
		String form = alice.get("/requests/new").body();
		PortalHttp.Response scope = alice.post("/requests/new",
				with(requestForm("project:11", "write_repository", 5), "_csrf", PortalHttp.csrfToken(form)));
		assertThat(scope.status()).isEqualTo(400);
		assertThat(fieldError(scope.body(), "scopes"))
			.contains("Not allowed: an administrator has forbidden the scope write_repository");
		PortalHttp.Response lifetime = alice.post("/requests/new",
				with(requestForm("project:11", "read_api", 20), "_csrf", PortalHttp.csrfToken(form)));
		assertThat(fieldError(lifetime.body(), "expiresOn")).contains("a token may live at most 10 days");
		assertThat(count()).isEqualTo(requests);
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'request.submitted' "
				+ "and outcome = 'DENIED' and actor_username = 'alice' and details like '%denied.forbidden-scope%'",
				Long.class))
			.isPositive();
	}

	@Test
	void aGroupMayRefuseTokensAboveTheRequestersOwnLevel() {
		PortalHttp.Response saved = save("/admin/policy/groups", with(defaultsForm(), "group", "platform",
				"forbidAboveOwnLevel", "true", "comment", "No token may outrank its requester in platform"));
		assertThat(saved.status()).isEqualTo(302);
		assertThat((String) this.jdbc.queryForObject(
				"select details from audit_event where action = 'policy.changed' " + "order by seq desc limit 1",
				String.class))
			.contains("\\\"forbidAboveOwnLevel\\\":true", "No token may outrank its requester in platform");
		assertThat(this.erin.get("/admin/policy/groups/platform").body())
			.containsPattern("id=\"forbidAboveOwnLevel\"[^>]*checked=\"checked\"");
		assertThat(this.erin.get("/admin/policy/groups/legacy").body()).as("other groups keep it off")
			.doesNotContainPattern("id=\"forbidAboveOwnLevel\"[^>]*checked");
		PortalHttp alice = signedIn("alice");
		long requests = count();
		String form = alice.get("/requests/new").body();
		PortalHttp.Response maintainer = alice.post("/requests/new", with(requestForm("project:11", "read_api", 7),
				"accessLevel", "40", "_csrf", PortalHttp.csrfToken(form)));
		assertThat(maintainer.status()).isEqualTo(400);
		assertThat(fieldError(maintainer.body(), "accessLevel")).contains(
				"Not allowed: the token would be Maintainer, above your own Developer access", "in the group platform");
		assertThat(count()).isEqualTo(requests);
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'request.submitted' "
				+ "and outcome = 'DENIED' and actor_username = 'alice' and details like '%denied.above-own-level%'",
				Long.class))
			.isPositive();
		assertThat(submitAsAlice("project:11", "read_api", 7)).as("at her own level or below")
			.containsEntry("status", "APPROVED");
		String group = this.erin.get("/admin/policy/groups/platform").body();
		this.erin.post("/admin/policy/groups/platform/deactivate",
				Map.of("comment", "Owners decide again", "_csrf", PortalHttp.csrfToken(group)));
		PortalHttp.Response allowed = alice.post("/requests/new", with(requestForm("project:11", "read_api", 7),
				"accessLevel", "40", "_csrf", PortalHttp.csrfToken(form)));
		assertThat(allowed.status()).as("Owners decide once the override is off").isEqualTo(302);
	}

	private PortalHttp.Response save(String path, Map<String, String> fields) {
		String page = this.erin.get("/admin/policy").body();
		return this.erin.post(path, with(fields, "_csrf", PortalHttp.csrfToken(page)));
	}

	private Map<String, Object> submitAsAlice(String target, String scopes, int days) {
		PortalHttp alice = signedIn("alice");
		String form = alice.get("/requests/new").body();
		PortalHttp.Response response = alice.post("/requests/new",
				with(requestForm(target, scopes, days), "_csrf", PortalHttp.csrfToken(form)));
		assertThat(response.status()).as("submitted: %s", response.body()).isEqualTo(302);
		Matcher matcher = REQUEST_ID.matcher(response.location());
		assertThat(matcher.find()).isTrue();
		return this.jdbc.queryForMap("select * from token_request where id = ?", UUID.fromString(matcher.group(1)));
	}

	private static Map<String, String> requestForm(String target, String scopes, int days) {
		return with(Map.of(), "target", target, "tokenName", "policy-probe", "scopes", scopes, "accessLevel", "20",
				"expiresOn", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(days).toString(),
				"justification", "Checking the policy");
	}

	/** The built-in defaults as the admin form posts them. */
	private static Map<String, String> defaultsForm() {
		PolicyRules rules = PolicyRules.defaults();
		return with(Map.of(), "readScopes", String.join(",", rules.sortedReadScopes()), "lowMaxAccessLevel", "20",
				"lowMaxLifetimeDays", "30", "standardMaxAccessLevel", "40", "standardMaxLifetimeDays", "90",
				"maxLifetimeDays", "365", "groupWriteScopes",
				String.join(",", new java.util.TreeSet<>(rules.groupWriteScopes())), "minimumTier", "LOW", "comment",
				"Adjusting the policy");
	}

	private static Map<String, String> with(Map<String, String> fields, String... keyValues) {
		Map<String, String> changed = new LinkedHashMap<>(fields);
		for (int i = 0; i < keyValues.length; i += 2) {
			changed.put(keyValues[i], keyValues[i + 1]);
		}
		return changed;
	}

	private static String fieldError(String html, String field) {
		Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\"[^>]*>(.*?)</p>", Pattern.DOTALL)
			.matcher(html);
		return matcher.find() ? matcher.group(1).strip() : null;
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from token_request", Long.class);
	}

	private static void asAdmin(Runnable action) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("erin", null, "ROLE_ADMIN"));
		try {
			action.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
