package dev.tokenportal.notifications;

import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxHook;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.WebhookDelivery;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins register the portal's webhook on top-level groups from the portal, against the
 * GitLab sandbox: what the page shows, what GitLab gets, what the audit keeps, and
 * GitLab's refusals in plain words.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class WebhookAdminIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	GitLabTokenClient gitlab;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp erin;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.erin = signedIn(this.port, SandboxSeed.ERIN);
	}

	@Test
	void listsTheTopLevelGroupsWithoutAHook() {
		PortalHttp.Response page = this.erin.get("/admin/webhooks");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(receiverUrl())
			.contains("data-group=\"platform\" data-state=\"ABSENT\"", "data-group=\"legacy\" data-state=\"ABSENT\"",
					"data-group=\"security\" data-state=\"ABSENT\"")
			.doesNotContain("data-group=\"platform/backend\"");
	}

	@Test
	void registeringAddsAnAccessTokenHookWithTheSecretAndTheWarningsArrive() {
		PortalHttp.Response done = register(SandboxSeed.PLATFORM_ID);
		assertThat(done.status()).isEqualTo(302);
		SandboxHook hook = this.sandbox.state().hooks(SandboxSeed.PLATFORM).get(0);
		assertThat(this.sandbox.state().hooks(SandboxSeed.PLATFORM)).hasSize(1);
		assertThat(hook.url()).isEqualTo(receiverUrl());
		assertThat(hook.token()).isEqualTo("test-webhook-secret-0123456789");
		assertThat(hook.resourceAccessTokenEvents()).isTrue();
		assertThat(hook.pushEvents()).isFalse();
		assertThat(hook.enableSslVerification()).isTrue();
		PortalHttp.Response page = this.erin.get("/admin/webhooks");
		assertThat(page.body()).contains("data-group=\"platform\" data-state=\"REGISTERED\"",
				"The webhook is registered on platform");
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'webhook.changed' "
				+ "and actor_username = 'erin' and target_path = 'platform' and details::text like '%registered%'",
				Long.class))
			.isEqualTo(1);
		this.gitlab.create(new GitLabTarget(GitLabResource.PROJECT, SandboxSeed.API_ID, SandboxSeed.API),
				new NewAccessToken("by-hand", null, List.of("read_api"), 20, this.sandbox.state().today().plusDays(3)));
		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(200);
	}

	@Test
	void registeringTwiceAddsOneHook() {
		register(SandboxSeed.PLATFORM_ID);
		register(SandboxSeed.PLATFORM_ID);
		assertThat(this.sandbox.state().hooks(SandboxSeed.PLATFORM)).hasSize(1);
		assertThat(this.erin.get("/admin/webhooks").body()).contains("already registered on platform");
	}

	@Test
	void removingTakesThePortalsHookAway() {
		register(SandboxSeed.PLATFORM_ID);
		long hookId = this.sandbox.state().hooks(SandboxSeed.PLATFORM).get(0).id();
		PortalHttp.Response page = this.erin.get("/admin/webhooks");
		PortalHttp.Response removed = this.erin.post(
				"/admin/webhooks/groups/" + SandboxSeed.PLATFORM_ID + "/hooks/" + hookId + "/delete",
				Map.of("_csrf", PortalHttp.csrfToken(page.body())));
		assertThat(removed.status()).isEqualTo(302);
		assertThat(this.sandbox.state().hooks(SandboxSeed.PLATFORM)).isEmpty();
		assertThat(this.erin.get("/admin/webhooks").body()).contains("The webhook was removed from platform");
		assertThat(this.jdbc.queryForObject("select count(*) from audit_event where action = 'webhook.changed' "
				+ "and target_path = 'platform' and details::text like '%removed%'", Long.class))
			.isEqualTo(1);
	}

	@Test
	void aUrlGitLabBlocksIsExplained() {
		this.sandbox.state().setLocalWebhookRequestsAllowed(false);
		register(SandboxSeed.PLATFORM_ID);
		assertThat(this.sandbox.state().hooks(SandboxSeed.PLATFORM)).isEmpty();
		assertThat(this.erin.get("/admin/webhooks").body()).contains("GitLab refused the URL " + receiverUrl(),
				"Invalid url given", "blocks webhooks to the local network");
	}

	@Test
	void aServiceAccountThatIsNotOwnerIsExplained() {
		this.sandbox.faults().on("POST", "/api/v4/groups/*/hooks").respond(403, "{\"message\":\"403 Forbidden\"}");
		register(SandboxSeed.PLATFORM_ID);
		assertThat(this.erin.get("/admin/webhooks").body()).contains("the service account is not an Owner of platform",
				"Premium");
	}

	@Test
	void onlyAdminsSeeThePage() {
		assertThat(signedIn(this.port, SandboxSeed.ALICE).get("/admin/webhooks").status()).isEqualTo(403);
	}

	private PortalHttp.Response register(long groupId) {
		PortalHttp.Response page = this.erin.get("/admin/webhooks");
		return this.erin.post("/admin/webhooks/groups/" + groupId, Map.of("_csrf", PortalHttp.csrfToken(page.body())));
	}

	private String receiverUrl() {
		return "http://localhost:" + this.port + "/webhooks/gitlab";
	}

}
