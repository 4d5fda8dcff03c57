package dev.tokenportal.requests;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.policy.PolicyEditor;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static dev.tokenportal.requests.RequestFormFixture.fieldError;
import static dev.tokenportal.requests.RequestFormFixture.inDays;
import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking for a token to go into a CI/CD variable, over real HTTP against the GitLab
 * sandbox: the destination is stored and shown to the approvers in plain words and
 * audited without a value; GitLab's rules on who may manage variables (Maintainer of a
 * project, Owner of a group), the admins' top-level group rule and the portal account's
 * own rights refuse at submit with words next to the destination; an older GitLab stores
 * the variable as not hidden and the form says so; a renewal keeps the destination.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class DeliveryRequestIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PolicyService policy;

	@Autowired
	TokenRequestService requests;

	@BeforeEach
	void resetGitLab() {
		this.sandbox.reset();
	}

	@AfterEach
	void restoreTheBuiltInDefaults() {
		asAdmin(() -> {
			if (!this.policy.rulesFor(PolicyService.DEFAULT_SCOPE).equals(PolicyRules.defaults())) {
				this.policy.change(PolicyService.DEFAULT_SCOPE, PolicyRules.defaults(), true, "test clean-up",
						PolicyEditor.SYSTEM);
			}
			this.policy.latest(SandboxSeed.PLATFORM)
				.filter((override) -> override.active())
				.ifPresent((override) -> this.policy.change(SandboxSeed.PLATFORM, override.rules(), false,
						"test clean-up", PolicyEditor.SYSTEM));
		});
	}

	/** alice is a Maintainer of platform/frontend/web; a write token there needs bob. */
	static Map<String, String> deployTokenForWebIntoItsVariable() {
		return with(lowTierForApi(), "target", "project:13", "tokenName", "web-deploy", "scopes",
				"read_repository,write_repository", "accessLevel", "30", "expiresOn", inDays(30).toString(), "delivery",
				"variable", "destinationPath", "", "variableKey", "WEB_DEPLOY_TOKEN", "environmentScope", "production",
				"variableProtected", "true", "variableHidden", "true", "autoRotate", "true");
	}

	@Test
	void aDestinationIsStoredAndTheApproverSeesWhereTheTokenWillGo() {
		UUID id = form("alice").submit(deployTokenForWebIntoItsVariable());

		assertThat(row(id)).containsEntry("status", "PENDING_APPROVAL")
			.containsEntry("delivery_target_type", "PROJECT")
			.containsEntry("delivery_target_id", SandboxSeed.WEB_ID)
			.containsEntry("delivery_target_path", "platform/frontend/web")
			.containsEntry("delivery_variable_key", "WEB_DEPLOY_TOKEN")
			.containsEntry("delivery_environment_scope", "production")
			.containsEntry("delivery_protected", true)
			.containsEntry("delivery_masked_and_hidden", true)
			.containsEntry("auto_rotate", true);
		PortalHttp bob = signedIn("bob");
		for (String page : List.of(bob.get("/requests/" + id).body(), bob.get("/approvals").body())) {
			assertThat(page).contains("CI/CD variable WEB_DEPLOY_TOKEN of project platform/frontend/web",
					"for the environments production",
					"protected: only pipelines on protected branches and tags see it",
					"masked and hidden: nobody can read the value in GitLab",
					"rotated automatically before it expires, without asking the Owners again");
		}
	}

	@Test
	void theAuditRecordSaysWhereTheTokenWillGoAndNothingElse() {
		UUID id = form("alice").submit(deployTokenForWebIntoItsVariable());

		String details = this.jdbc.queryForObject(
				"select details from audit_event where request_id = ? and action = 'request.submitted'", String.class,
				id);
		assertThat(details).contains("\"destination\":\"project:13 platform/frontend/web\"",
				"\"variableKey\":\"WEB_DEPLOY_TOKEN\"", "\"environmentScope\":\"production\"", "\"protected\":\"true\"",
				"\"maskedAndHidden\":\"true\"", "\"autoRotate\":\"true\"");
	}

	@Test
	void aTokenShownOnceHasNoDestinationAndSaysSo() {
		UUID id = form("alice")
			.submit(with(deployTokenForWebIntoItsVariable(), "delivery", "show", "autoRotate", null));

		assertThat(row(id)).containsEntry("delivery_target_path", null).containsEntry("auto_rotate", false);
		assertThat(signedIn("bob").get("/requests/" + id).body()).contains("Shown once to the requester");
	}

	@Test
	void aDeveloperMayNotDeliverIntoAProjectAndReadsWhy() {
		long before = count();
		// alice is a Developer of platform/backend/api
		PortalHttp.Response response = form("alice").post(with(lowTierForApi(), "delivery", "variable", "variableKey",
				"API_TOKEN", "variableProtected", "true", "variableHidden", "true"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(fieldError(response.body(), "destinationPath")).contains(
				"You are Developer in platform/backend/api; GitLab lets only Maintainers and higher manage its CI/CD variables");
		assertThat(response.body()).as("the form keeps what was typed")
			.containsPattern("id=\"variableKey\"[^>]*value=\"API_TOKEN\"");
		assertThat(count()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where action = 'request.submitted' "
						+ "and outcome = 'DENIED' and actor_username = 'alice' order by seq desc limit 1",
				String.class))
			.contains("denied.destination", "requests.destination.tooLow");
	}

	@Test
	void aGroupDestinationNeedsAnOwner() {
		// erin is a Maintainer of platform/frontend, and so of platform/frontend/web
		Map<String, String> intoFrontend = with(lowTierForApi(), "target", "project:13", "delivery", "variable",
				"destinationPath", "platform/frontend", "variableKey", "FRONTEND_READ_TOKEN", "variableProtected",
				"true", "variableHidden", "true");
		PortalHttp.Response refused = form("erin").post(intoFrontend);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(fieldError(refused.body(), "destinationPath")).contains(
				"You are Maintainer in platform/frontend; GitLab lets only Owners and higher manage its CI/CD variables");

		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_FRONTEND, SandboxSeed.ERIN, 50);
		UUID id = form("erin").submit(intoFrontend);
		assertThat(row(id)).containsEntry("delivery_target_type", "GROUP")
			.containsEntry("delivery_target_path", "platform/frontend");
	}

	@Test
	void aDestinationOutsideTheTargetsTopLevelGroupIsRefusedUntilAnAdminAllowsIt() {
		// alice owns alice/scratch, outside platform
		Map<String, String> intoScratch = with(lowTierForApi(), "target", "project:13", "delivery", "variable",
				"destinationPath", "alice/scratch", "variableKey", "WEB_READ_TOKEN", "variableProtected", "true",
				"variableHidden", "true");
		PortalHttp.Response refused = form("alice").post(intoScratch);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(fieldError(refused.body(), "destinationPath")).contains(
				"The token may go only into CI/CD variables inside its own top-level group platform, and alice/scratch is outside it");

		PortalHttp erin = signedIn("erin");
		assertThat(erin.get("/admin/policy").body()).as("off by default")
			.contains("id=\"destinationsOutsideTopLevelGroup\"")
			.doesNotContainPattern("id=\"destinationsOutsideTopLevelGroup\"[^>]*checked");
		PortalHttp.Response saved = erin.post("/admin/policy",
				with(defaultsForm(), "destinationsOutsideTopLevelGroup", "true", "comment",
						"Tokens may go to personal projects, ticket SEC-40", "_csrf",
						PortalHttp.csrfToken(erin.get("/admin/policy").body())));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject(
				"select details from audit_event where action = 'policy.changed' order by seq desc limit 1",
				String.class))
			.contains("\\\"destinationsOutsideTopLevelGroup\\\":true", "ticket SEC-40");

		UUID id = form("alice").submit(intoScratch);
		assertThat(row(id)).containsEntry("delivery_target_path", "alice/scratch");
	}

	@Test
	void aGroupOverrideCanKeepDestinationsInsideEvenWhenThePortalAllowsThemOutside() {
		PolicyRules allowing = withDestinationsOutside(PolicyRules.defaults(), true);
		asAdmin(() -> {
			this.policy.change(PolicyService.DEFAULT_SCOPE, allowing, true, "allow outside", PolicyEditor.SYSTEM);
			this.policy.change(SandboxSeed.PLATFORM, PolicyRules.defaults(), true, "platform keeps them inside",
					PolicyEditor.SYSTEM);
		});
		PortalHttp.Response refused = form("alice").post(with(lowTierForApi(), "target", "project:13", "delivery",
				"variable", "destinationPath", "alice/scratch", "variableKey", "WEB_READ_TOKEN"));
		assertThat(fieldError(refused.body(), "destinationPath")).contains("inside its own top-level group platform");
	}

	@Test
	void thePortalAccountMustBeAllowedToWriteThereToo() {
		// without administrator rights, the portal's account is a Maintainer of platform:
		// enough for project variables, not for a group's
		this.sandbox.state().setAdmin(SandboxSeed.SERVICE_ACCOUNT, false);
		this.sandbox.state().addMember(SandboxSeed.PLATFORM, SandboxSeed.SERVICE_ACCOUNT, 40);
		this.sandbox.state().setAccessLevel(SandboxSeed.PLATFORM_FRONTEND, SandboxSeed.ERIN, 50);

		PortalHttp.Response refused = form("erin").post(with(lowTierForApi(), "target", "project:13", "delivery",
				"variable", "destinationPath", "platform/frontend", "variableKey", "FRONTEND_READ_TOKEN"));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(fieldError(refused.body(), "destinationPath"))
			.contains("The portal’s GitLab account @portal-service may not manage the CI/CD variables of "
					+ "platform/frontend (GitLab requires the Owner role or higher)");

		UUID id = form("erin").submit(
				with(lowTierForApi(), "target", "project:13", "delivery", "variable", "variableKey", "WEB_READ_TOKEN"));
		assertThat(row(id)).containsEntry("delivery_target_path", "platform/frontend/web");
	}

	@Test
	void onGitLabOlderThan174TheFormSaysSoAndTheVariableIsStoredAsNotHidden() {
		this.sandbox.settings().version("17.3.0");
		RequestFormFixture alice = form("alice");

		assertThat(signedIn("alice").get("/requests/new").body())
			.contains("This GitLab is older than 17.4 and cannot hide variables");
		UUID id = alice.submit(deployTokenForWebIntoItsVariable());
		assertThat(row(id)).containsEntry("delivery_masked_and_hidden", false);
		assertThat(signedIn("bob").get("/requests/" + id).body()).contains("masked in job logs but not hidden");
	}

	@Test
	void whenGitLabCannotBeAskedTheRequestIsRefusedAndNothingIsSaved() {
		this.sandbox.faults().on("GET", "/api/v4/version").respond(503, "{\"message\":\"503 Service Unavailable\"}");
		long before = count();

		PortalHttp.Response response = form("alice").post(deployTokenForWebIntoItsVariable());

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.body()).contains("GitLab could not be reached, so your request could not be checked");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aRenewalGoesWhereTheTokenWent() {
		UUID id = form("alice").submit(with(deployTokenForWebIntoItsVariable(), "scopes", "read_api", "accessLevel",
				"20", "expiresOn", inDays(7).toString()));
		assertThat(row(id)).containsEntry("status", "APPROVED");
		PortalHttp alice = signedIn("alice");
		assertThat(post(alice, id, "create").status()).isEqualTo(200);
		PolicyRules d = PolicyRules.defaults();
		asAdmin(() -> this.policy.change(SandboxSeed.PLATFORM,
				new PolicyRules(d.readScopes(), d.lowMaxAccessLevel(), d.lowMaxLifetimeDays(),
						d.standardMaxAccessLevel(), d.standardMaxLifetimeDays(), d.maxLifetimeDays(),
						d.groupWriteScopes(), d.forbiddenScopes(), d.forbiddenAccessLevels(), Tier.STANDARD),
				true, "every token needs approval", PolicyEditor.SYSTEM));

		assertThat(post(alice, id, "rotate").status()).isEqualTo(302);

		TokenRequest old = this.requests.get(id);
		TokenRequest renewal = this.requests.requestsOf(SandboxSeed.ALICE_ID)
			.stream()
			.filter((other) -> id.equals(other.getRenewalOf()))
			.findFirst()
			.orElseThrow();
		assertThat(renewal.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(renewal.getDestination()).isNotNull().isEqualTo(old.getDestination());
		assertThat(renewal.isAutoRotate()).isTrue();
	}

	private static PortalHttp.Response post(PortalHttp browser, UUID id, String action) {
		String csrf = PortalHttp.csrfToken(browser.get("/").body());
		return browser.post("/requests/" + id + "/" + action, Map.of("_csrf", csrf));
	}

	private static Map<String, String> defaultsForm() {
		PolicyRules rules = PolicyRules.defaults();
		return with(Map.of(), "readScopes", String.join(",", rules.sortedReadScopes()), "lowMaxAccessLevel", "20",
				"lowMaxLifetimeDays", "30", "standardMaxAccessLevel", "40", "standardMaxLifetimeDays", "90",
				"maxLifetimeDays", "365", "groupWriteScopes",
				String.join(",", new java.util.TreeSet<>(rules.groupWriteScopes())), "minimumTier", "LOW");
	}

	static PolicyRules withDestinationsOutside(PolicyRules d, boolean allowed) {
		return new PolicyRules(d.readScopes(), d.lowMaxAccessLevel(), d.lowMaxLifetimeDays(),
				d.standardMaxAccessLevel(), d.standardMaxLifetimeDays(), d.maxLifetimeDays(), d.groupWriteScopes(),
				d.forbiddenScopes(), d.forbiddenAccessLevels(), d.minimumTier(), d.forbidAboveOwnLevel(), allowed);
	}

	private RequestFormFixture form(String username) {
		return new RequestFormFixture(signedIn(username));
	}

	private PortalHttp signedIn(String username) {
		PortalHttp http = new PortalHttp(this.port);
		http.loginAs(username);
		return http;
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.queryForMap("select * from token_request where id = ?", id);
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

	static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

}
