package dev.tokenportal.requests;

import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.requests.RequestFormFixture.inDays;
import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live policy preview the form's script asks for: each tier, refusals and incomplete
 * forms in plain words, from the same code that decides at submit, saving nothing.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class PolicyPreviewIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
		this.alice = new PortalHttp(this.port);
		this.alice.loginAs("alice");
	}

	@Test
	void readOnlyProjectTokenIsGrantedAtOnce() {
		JsonNode preview = preview(this.alice,
				"target=project:11&scopes=read_api&accessLevel=20&expiresOn=" + inDays(7));
		assertThat(preview.get("outcome").asString()).isEqualTo("LOW");
		assertThat(preview.get("summary").asString()).isEqualTo("Granted at once.");
		assertThat(preview.get("requiredApprovals").asInt()).isZero();
		assertThat(preview.get("rule").asString()).isEqualTo("low.read-only");
		assertThat(preview.get("target").asString()).isEqualTo("platform/backend/api");
		assertThat(preview.get("maxExpiresOn").asString()).isEqualTo(inDays(365).toString());
	}

	@Test
	void writeTokenNeedsOneOwner() {
		JsonNode preview = preview(this.alice, "target=project:11&scopes=read_repository&scopes=write_repository"
				+ "&accessLevel=30&expiresOn=" + inDays(30));
		assertThat(preview.get("outcome").asString()).isEqualTo("STANDARD");
		assertThat(preview.get("summary").asString())
			.isEqualTo("Needs 1 approval from an Owner of platform/backend/api.");
		assertThat(preview.get("requiredApprovals").asInt()).isEqualTo(1);
	}

	@Test
	void aRequestTheTargetHasTooFewOwnersToApproveIsNotAllowed() {
		// legacy has no Owner at all: a standard request there could only lapse
		JsonNode preview = preview(this.alice,
				"target=project:14&scopes=write_repository&accessLevel=30&expiresOn=" + inDays(30));
		assertThat(preview.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(preview.get("rule").asString()).isEqualTo("denied.too-few-owners");
		assertThat(preview.get("summary").asString()).startsWith(
				"This request needs an Owner’s approval, but legacy/monolith has no Owner besides you, so it could "
						+ "never be approved");
		assertThat(preview(this.alice, "target=project:14&scopes=read_api&accessLevel=20&expiresOn=" + inDays(7))
			.get("outcome")
			.asString()).as("granted at once needs no Owner").isEqualTo("LOW");
	}

	@Test
	void groupTokenThatCanWriteNeedsTwoDistinctOwners() {
		JsonNode preview = preview(this.alice, "target=group:101&scopes=api&accessLevel=30&expiresOn=" + inDays(30));
		assertThat(preview.get("outcome").asString()).isEqualTo("HIGH");
		assertThat(preview.get("summary").asString())
			.isEqualTo("Needs 2 approvals from distinct Owners of platform/backend.");
		assertThat(preview.get("requiredApprovals").asInt()).isEqualTo(2);
	}

	@Test
	void tooLongALifetimeIsNotAllowed() {
		JsonNode preview = preview(this.alice,
				"target=project:11&scopes=read_api&accessLevel=20&expiresOn=" + inDays(400));
		assertThat(preview.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(preview.get("summary").asString()).isEqualTo("Not allowed: a token may live at most 365 days.");
	}

	@Test
	void aTargetTheRequesterIsNotAMemberOfIsNotAllowedAndNotNamed() {
		PortalHttp mallory = new PortalHttp(this.port);
		mallory.loginAs("mallory");
		PortalHttp.Response response = mallory
			.get("/requests/preview?target=project:11&scopes=read_api&accessLevel=20&expiresOn=" + inDays(7));
		JsonNode preview = JSON.readTree(response.body());
		assertThat(preview.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(preview.get("summary").asString()).startsWith("Not allowed: You are not a member");
		assertThat(response.body()).doesNotContain("platform");
	}

	@Test
	void anIncompleteFormSaysWhatIsMissing() {
		assertThat(preview(this.alice, "scopes=read_api").get("summary").asString())
			.isEqualTo("Choose a project or group to see what the policy requires.");
		JsonNode noScopes = preview(this.alice, "target=project:11&accessLevel=20&expiresOn=" + inDays(7));
		assertThat(noScopes.get("outcome").asString()).isEqualTo("INCOMPLETE");
		assertThat(noScopes.get("summary").asString()).startsWith("Choose at least one scope");
		assertThat(
				preview(this.alice, "target=project:11&scopes=read_api&accessLevel=abc&expiresOn=soon").get("outcome")
					.asString())
			.isEqualTo("INCOMPLETE");
	}

	@Test
	void previewsOnOneTargetAskGitLabAboutItOnceWhateverElseChanges() {
		this.sandbox.faults().clearCalls();
		for (int days = 20; days < 30; days++) {
			String scopes = (days % 2 == 0) ? "scopes=read_api" : "scopes=read_repository&scopes=write_repository";
			preview(this.alice, "target=project:11&" + scopes + "&accessLevel=30&expiresOn=" + inDays(days));
		}
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/11")).as("target lookups").hasSize(1);
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/11/members/all/3"))
			.as("the requester's membership")
			.hasSize(1);
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/11/members/all")).as("Owners who could approve")
			.hasSize(1);
		assertThat(this.sandbox.faults().calls()).as("all GitLab calls").hasSize(3);
	}

	@Test
	void aTargetTheRequesterMayNotUseIsRefusedAgainWithoutAskingGitLabAgain() {
		this.sandbox.faults().clearCalls();
		JsonNode refused = null;
		for (int i = 0; i < 3; i++) {
			refused = preview(this.alice,
					"target=project:999999&scopes=read_api&accessLevel=20&expiresOn=" + inDays(7 + i));
		}
		assertThat(refused.get("outcome").asString()).isEqualTo("DENIED");
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/projects/999999")).hasSize(1);
	}

	@Test
	void previewSavesAndAuditsNothing() {
		long requests = count("token_request");
		long events = count("audit_event");
		preview(this.alice, "target=project:11&scopes=api&accessLevel=40&expiresOn=" + inDays(30));
		assertThat(count("token_request")).isEqualTo(requests);
		assertThat(count("audit_event")).isEqualTo(events);
	}

	@Test
	void previewAgreesWithWhatSubmitDecides() {
		JsonNode preview = preview(this.alice,
				"target=project:11&scopes=write_repository&accessLevel=50&expiresOn=" + inDays(100));
		UUID id = new RequestFormFixture(this.alice).submit(with(lowTierForApi(), "scopes", "write_repository",
				"accessLevel", "50", "expiresOn", inDays(100).toString()));
		var row = this.jdbc.queryForMap("select tier, policy_rule, policy_version from token_request where id = ?", id);
		assertThat(row.get("tier")).isEqualTo(preview.get("outcome").asString());
		assertThat(row.get("policy_rule")).isEqualTo(preview.get("rule").asString());
		assertThat(row.get("policy_version")).isEqualTo(preview.get("policyVersion").asLong());
	}

	@Test
	void theFormLoadsTheScriptFromThePortalAndNoInlineScript() {
		String page = this.alice.get("/requests/new").body();
		assertThat(page).contains("<script src=\"/js/request-form.js\"", "data-preview-url=\"/requests/preview\"")
			.doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
			.doesNotContain("style=\"");
		assertThat(this.alice.get("/js/request-form.js").status()).isEqualTo(200);
	}

	private static JsonNode preview(PortalHttp http, String query) {
		PortalHttp.Response response = http.get("/requests/preview?" + query);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		return JSON.readTree(response.body());
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

}
