package dev.tokenportal.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.WebhookDelivery;
import dev.tokenportal.CapturedEvents;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.gitlab.NewAccessToken;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenExpiryReminderJob;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitLab's expiring access token webhook end to end: the sandbox sends it like GitLab,
 * the portal authenticates it, handles each delivery once, feeds the expiry reminders for
 * its own tokens, tells about foreign ones, and audits it.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class GitLabWebhookIntegrationTests {

	private static final String SECRET = "test-webhook-secret-0123456789";

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	GitLabTokenClient gitlab;

	@Autowired
	TokenExpiryReminderJob reminderJob;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ConfigurableApplicationContext context;

	CapturedEvents events;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.events = CapturedEvents.start(this.context);
	}

	@AfterEach
	void tearDown() {
		this.events.stop();
		this.clock.reset();
	}

	@Test
	void gitLabsWarningForAPortalTokenRemindsOnceAndARedeliveryDoesNothing() {
		TokenRequest request = issuedToken();
		long tokenId = request.getGitlabTokenId();
		hook(SandboxSeed.PLATFORM, SECRET);
		daysBeforeExpiry(request, 7);
		List<WebhookDelivery> deliveries = this.sandbox.deliverExpiringTokenWebhooks();
		assertThat(deliveries).extracting(WebhookDelivery::status).containsExactly(200);
		assertThat(this.events.of(TokenExpiring.class)).singleElement().satisfies((expiring) -> {
			assertThat(expiring.request().id()).isEqualTo(request.getId());
			assertThat(expiring.request().gitlabTokenId()).isEqualTo(tokenId);
			assertThat(expiring.daysLeft()).isEqualTo(7);
			assertThat(expiring.fromGitLab()).isTrue();
		});
		assertThat(this.sandbox.redeliver(deliveries.get(0)).status()).isEqualTo(200);
		assertThat(this.events.of(TokenExpiring.class)).hasSize(1);
		assertThat(this.events.of(GitLabExpiryReported.class)).hasSize(1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'webhook.received' and outcome = 'SUCCESS' "
						+ "and gitlab_token_id = ? and request_id = ?",
				Long.class, tokenId, request.getId()))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from token_expiry_reminder where request_id = ?",
				Long.class, request.getId()))
			.isEqualTo(1);
	}

	@Test
	void thePortalsOwnReminderOfThatDayIsNotRepeatedForGitLab() {
		TokenRequest request = issuedToken();
		hook(SandboxSeed.API, SECRET);
		daysBeforeExpiry(request, 7);
		this.reminderJob.remindExpiring();
		assertThat(remindersOf(request)).singleElement().extracting(TokenExpiring::fromGitLab).isEqualTo(false);
		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(200);
		assertThat(remindersOf(request)).hasSize(1);
		assertThat(this.events.of(GitLabExpiryReported.class)).singleElement()
			.satisfies((reported) -> assertThat(reported.reminded()).isFalse());
	}

	@Test
	void aWrongSecretIs401AndNothingIsDone() {
		TokenRequest request = issuedToken();
		hook(SandboxSeed.API, "not-the-secret");
		daysBeforeExpiry(request, 7);
		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(401);
		assertThat(this.events.of(TokenExpiring.class)).isEmpty();
		assertThat(this.events.of(GitLabExpiryReported.class)).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from token_expiry_reminder where request_id = ?",
				Long.class, request.getId()))
			.isZero();
	}

	@Test
	void aMissingSecretIs401AndNothingIsDone() {
		HttpResponse<String> response = send(null, UUID.randomUUID().toString(), foreignPayload(1, 1));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.events.of(Object.class))
			.noneMatch((event) -> event.getClass().getPackageName().startsWith("dev.tokenportal.notifications")
					|| event instanceof TokenExpiring);
	}

	@Test
	void aForeignTokenTellsItsOwnersOnce() {
		// a project no portal request targets: the sandbox's token ids start over at
		// each reset, while the shared database keeps other tests' requests
		long projectId = SandboxSeed.FIRST_SERVICE_PROJECT_ID + SandboxSeed.SERVICE_PROJECT_COUNT - 1;
		GitLabTarget service = new GitLabTarget(GitLabResource.PROJECT, projectId, "platform/backend/service-25");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		CreatedAccessToken made = this.gitlab.create(service,
				new NewAccessToken("made-by-hand", null, List.of("read_api"), 20, today.plusDays(5)));
		hook(service.fullPath(), SECRET);
		hook(SandboxSeed.PLATFORM, SECRET);
		assertThat(this.sandbox.deliverExpiringTokenWebhooks()).extracting(WebhookDelivery::status)
			.containsExactly(200, 200);
		assertThat(this.events.of(ForeignTokenExpiring.class)).singleElement().satisfies((foreign) -> {
			assertThat(foreign.target()).isEqualTo(service);
			assertThat(foreign.gitlabTokenId()).isEqualTo(made.token().id());
			assertThat(foreign.tokenName()).isEqualTo("made-by-hand");
			assertThat(foreign.expiresAt()).isEqualTo(today.plusDays(5));
		});
		assertThat(this.events.of(TokenExpiring.class)).isEmpty();
		assertThat(this.events.of(GitLabExpiryReported.class)).hasSize(2)
			.allSatisfy((reported) -> assertThat(reported.requestId()).isNull());
	}

	@Test
	void aGroupPayloadWithTheOtherTimeFormatIsRead() {
		String body = """
				{"object_kind":"access_token","group":{"group_name":"Backend","group_path":"backend",
				"group_id":101,"full_path":"platform/backend"},"object_attributes":{"user_id":90,
				"created_at":"2024-02-05T03:13:44.855Z","id":424242,"name":"group-bot","expires_at":"2031-01-26"},
				"event_name":"expiring_access_token"}""";
		HttpResponse<String> response = send(SECRET, UUID.randomUUID().toString(), body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
		assertThat(this.events.of(ForeignTokenExpiring.class)).singleElement()
			.satisfies((foreign) -> assertThat(foreign.target())
				.isEqualTo(new GitLabTarget(GitLabResource.GROUP, 101, "platform/backend")));
	}

	@Test
	void badJsonIs400WithAReasonAndAuditedAsRefused() {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> response = send(SECRET, key, "{not json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not JSON");
		assertThat(refusals(key)).isEqualTo(1);
	}

	@Test
	void anotherKindOfEventIs400WithAReasonAndAuditedAsRefused() {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> response = send(SECRET, key, "{\"object_kind\":\"push\",\"event_name\":\"push\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("object_kind push");
		assertThat(refusals(key)).isEqualTo(1);
		assertThat(this.events.of(ForeignTokenExpiring.class)).isEmpty();
	}

	@Test
	void badJsonWithoutTheSecretIs401AndNotAudited() {
		String key = UUID.randomUUID().toString();
		assertThat(send("wrong", key, "{not json").statusCode()).isEqualTo(401);
		assertThat(refusals(key)).isZero();
	}

	private TokenRequest issuedToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(post(signedIn(this.port, "alice"), request.getId(), "create").status()).isEqualTo(200);
		return this.requests.get(request.getId());
	}

	/**
	 * The reminders of one request (the sandbox's token ids start over at each reset).
	 */
	private List<TokenExpiring> remindersOf(TokenRequest request) {
		return this.events.of(TokenExpiring.class)
			.stream()
			.filter((expiring) -> expiring.request().id().equals(request.getId()))
			.toList();
	}

	private void hook(String path, String secret) {
		this.sandbox.state().addHook(path, "http://localhost:" + this.port + "/webhooks/gitlab", secret, true);
	}

	/** Moves GitLab's and the portal's clocks to a day before the token's expiry. */
	private void daysBeforeExpiry(TokenRequest request, int days) {
		LocalDate day = request.tokenExpiresOn().minusDays(days);
		this.sandbox.state().setClock(Clock.fixed(day.atTime(1, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
		this.clock.advance(Duration.between(this.clock.instant(), day.atTime(1, 0).toInstant(ZoneOffset.UTC)));
	}

	private long refusals(String key) {
		return this.jdbc.queryForObject("select count(*) from audit_event where action = 'webhook.received' "
				+ "and outcome = 'DENIED' and details::text like ?", Long.class, "%" + key + "%");
	}

	private String foreignPayload(long projectId, long tokenId) {
		return """
				{"object_kind":"access_token","project":{"id":%d,"path_with_namespace":"platform/backend/api"},
				"object_attributes":{"user_id":90,"created_at":"2024-01-24 16:27:40 UTC","id":%d,"name":"x",
				"expires_at":"2031-01-26"},"event_name":"expiring_access_token"}""".formatted(projectId, tokenId);
	}

	private HttpResponse<String> send(String token, String idempotencyKey, String body) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/gitlab"))
			.header("Content-Type", "application/json")
			.header("X-Gitlab-Event", "Resource Access Token Hook")
			.header("Idempotency-Key", idempotencyKey)
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (token != null) {
			request.header("X-Gitlab-Token", token);
		}
		try {
			return HTTP.send(request.build(), BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
