package dev.tokenportal.issuance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.policy.PolicyEditor;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static dev.tokenportal.issuance.IssuanceTestSupport.ALICE;
import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static dev.tokenportal.issuance.IssuanceTestSupport.valueIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to an issued token, over real HTTP against the GitLab sandbox: revoked by
 * the right people only, rotated (with GitLab's rotate endpoint or without it), renewed
 * through approval when the policy now asks for it, and expired.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenLifecycleIntegrationTests {

	private static final String DELETE_CALLS = "/api/v4/projects/*/access_tokens/*";

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	PolicyService policy;

	@Autowired
	AuditTrail audit;

	@Autowired
	TokenExpiryJob expiryJob;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp alice;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.alice = signedIn(this.port, "alice");
	}

	@Test
	void requesterRevokesTheirToken() {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);

		PortalHttp.Response revoked = post(this.alice, request, "revoke");

		assertThat(revoked.status()).isEqualTo(302);
		assertRevoked(request, tokenId);
		assertThat(lastEvent(request, "token.revoked").details()).contains("requester");
	}

	@Test
	void revokeAsksFirstAndKeepsTheRevokersReason() {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);
		this.sandbox.faults().clearCalls();

		PortalHttp.Response confirm = this.alice.get("/requests/" + request.getId() + "/revoke?returnTo=tokens");

		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("Revoke the token", "cannot be undone", "platform/backend/api",
				"name=\"returnTo\" value=\"tokens\"", ">" + tokenId + "<");
		assertThat(this.sandbox.faults().calls("DELETE", DELETE_CALLS)).as("asking revokes nothing").isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);

		PortalHttp.Response revoked = this.alice.post("/requests/" + request.getId() + "/revoke", Map.of("_csrf",
				PortalHttp.csrfToken(confirm.body()), "returnTo", "tokens", "reason", "Leaked in a\nbuild log."));

		assertThat(revoked.status()).isEqualTo(302);
		assertThat(revoked.location()).endsWith("/tokens");
		assertRevoked(request, tokenId);
		assertThat(reasonOf(this.requests.get(request.getId())))
			.isEqualTo("Revoked by alice (requester): Leaked in a build log.");
		assertThat(lastEvent(request, "token.revoked").details()).contains("Leaked in a build log.");
	}

	@Test
	void onlyThoseWhoMayActAreAskedToConfirm() {
		TokenRequest request = issued();
		assertThat(signedIn(this.port, "mallory").get("/requests/" + request.getId() + "/revoke").status())
			.isEqualTo(404);
		assertThat(signedIn(this.port, "bob").get("/requests/" + request.getId() + "/rotate").status())
			.as("only the requester rotates")
			.isEqualTo(404);
		assertThat(this.alice.get("/requests/" + request.getId() + "/rotate").body()).contains("Rotate the token",
				"the current value stops working at once");

		post(this.alice, request, "revoke");
		PortalHttp.Response again = this.alice.get("/requests/" + request.getId() + "/revoke");
		assertThat(again.status()).as("nothing left to revoke").isEqualTo(409);
	}

	@Test
	void ownerOfTheTargetRevokesAToken() {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);

		assertThat(post(signedIn(this.port, "bob"), request, "revoke").status()).isEqualTo(302);

		assertRevoked(request, tokenId);
		AuditEvent revoked = lastEvent(request, "token.revoked");
		assertThat(revoked.actorUsername()).isEqualTo("bob");
		assertThat(revoked.details()).contains("Owner of platform/backend/api");
	}

	@Test
	void auditorRevokesATokenInAnEmergency() {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);

		assertThat(post(signedIn(this.port, "dave"), request, "revoke").status()).isEqualTo(302);

		assertRevoked(request, tokenId);
		assertThat(lastEvent(request, "token.revoked").details()).contains("auditor");
	}

	@Test
	void outsiderCannotRevokeAndGitLabIsNotAskedToRevoke() {
		TokenRequest request = issued();
		this.sandbox.faults().clearCalls();

		PortalHttp.Response refused = post(signedIn(this.port, "mallory"), request, "revoke");

		assertThat(refused.status()).isEqualTo(404);
		assertThat(this.sandbox.faults().calls("DELETE", DELETE_CALLS)).isEmpty();
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(this.sandbox.state().token(tokenIdOf(request))).isPresent();
		assertThat(lastEvent(request, "access.denied").actorUsername()).isEqualTo("mallory");
	}

	@Test
	void tokenGitLabAlreadyForgotCountsAsRevoked() throws Exception {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);
		HttpResponse<String> outside = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.sandbox.baseUrl() + "/api/v4/projects/" + SandboxSeed.API_ID
						+ "/access_tokens/" + tokenId))
				.header("PRIVATE-TOKEN", SandboxSeed.ROOT_TOKEN)
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(outside.statusCode()).as("revoked in GitLab, outside the portal").isEqualTo(204);

		assertThat(post(this.alice, request, "revoke").status()).isEqualTo(302);

		assertThat(this.sandbox.faults().calls("DELETE", DELETE_CALLS)).last()
			.satisfies((call) -> assertThat(call.status()).isEqualTo(404));
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(lastEvent(request, "token.revoked").details()).contains("\"alreadyGone\":true");
	}

	@Test
	void rotateUsesGitLabsRotateEndpointAndShowsTheNewValueOnce() {
		TokenRequest request = issued();
		long oldId = tokenIdOf(request);

		PortalHttp.Response rotated = post(this.alice, request, "rotate");

		assertThat(rotated.status()).isEqualTo(200);
		assertThat(rotated.header("Cache-Control")).contains("no-store");
		assertThat(rotated.body()).contains("Your rotated token");
		String value = valueIn(rotated.body());
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(after.getGitlabTokenId()).isNotEqualTo(oldId);
		assertThat(after.getIssuedExpiresOn()).isEqualTo(today().plusDays(30));
		assertThat(this.sandbox.state().token(oldId)).hasValueSatisfying((old) -> assertThat(old.revoked()).isTrue());
		assertThat(activeTokensOf(request)).singleElement()
			.satisfies((token) -> assertThat(token.id()).isEqualTo(after.getGitlabTokenId()));
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/*/access_tokens/*/rotate")).hasSize(1);
		assertThat(lastEvent(request, "token.rotated").details()).contains("\"method\":\"rotate\"");
		assertThat(IssuanceTestSupport.dumpDatabase(this.jdbc)).doesNotContain(value);
	}

	@Test
	void rotateWithoutTheRotateEndpointCreatesANewTokenAndRevokesTheOld() {
		TokenRequest request = issued();
		long oldId = tokenIdOf(request);
		this.sandbox.settings().rotateAvailable(false);

		PortalHttp.Response rotated = post(this.alice, request, "rotate");

		assertThat(rotated.status()).isEqualTo(200);
		valueIn(rotated.body());
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getGitlabTokenId()).isNotEqualTo(oldId);
		assertThat(this.sandbox.state().token(oldId)).as("revoked (older GitLab forgets it)").isEmpty();
		assertThat(activeTokensOf(request)).singleElement()
			.satisfies((token) -> assertThat(token.id()).isEqualTo(after.getGitlabTokenId()));
		assertThat(lastEvent(request, "token.rotated").details()).contains("\"method\":\"create+revoke\"");
	}

	@Test
	void rotateWhenThePolicyNowNeedsApprovalSubmitsARenewal() {
		TokenRequest request = issued();
		long tokenId = tokenIdOf(request);
		this.sandbox.faults().clearCalls();
		tightenPlatformPolicy(true);
		PortalHttp.Response renewal;
		try {
			renewal = post(this.alice, request, "rotate");
		}
		finally {
			tightenPlatformPolicy(false);
		}

		assertThat(renewal.status()).isEqualTo(302);
		TokenRequest renewing = this.requests.requestsOf(SandboxSeed.ALICE_ID)
			.stream()
			.filter((other) -> request.getId().equals(other.getRenewalOf()))
			.findFirst()
			.orElseThrow();
		assertThat(renewal.location()).endsWith("/requests/" + renewing.getId());
		assertThat(renewing.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		assertThat(renewing.getExpiresOn()).isEqualTo(today().plusDays(30));
		assertThat(this.requests.get(request.getId()).getStatus()).as("the old token keeps working")
			.isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(this.sandbox.state().token(tokenId)).isPresent();
		assertThat(this.sandbox.faults().calls("POST", "/api/v4/projects/**")).isEmpty();
	}

	@Test
	void creatingARenewalRevokesTheTokenItRenews() {
		TokenRequest old = issued();
		long oldTokenId = tokenIdOf(old);
		TokenRequest renewal = this.requests
			.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID, "ci-reader", null,
					List.of("read_api"), 20, today().plusDays(30), "Renewal of the CI reader", old.getId()), ALICE);
		assertThat(renewal.getStatus()).isEqualTo(TokenRequestStatus.APPROVED);

		assertThat(post(this.alice, renewal, "create").status()).isEqualTo(200);

		assertThat(this.sandbox.state().token(oldTokenId)).isEmpty();
		TokenRequest replaced = this.requests.get(old.getId());
		assertThat(replaced.getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(reasonOf(replaced)).contains("Replaced by renewal");
		assertThat(this.requests.get(renewal.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
	}

	@Test
	void expiryJobMarksTokensExpiredOnTheirExpiryDate() {
		TokenRequest request = issued();
		LocalDate expiresOn = this.requests.get(request.getId()).getIssuedExpiresOn();

		assertThat(this.expiryJob.expire()).doesNotContain(request.getId());
		assertThat(this.expiryJob.expireDueBy(expiresOn.minusDays(1))).doesNotContain(request.getId());
		assertThat(this.expiryJob.expireDueBy(expiresOn)).contains(request.getId());

		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.EXPIRED);
		assertThat(lastEvent(request, "token.expired").details()).contains("expiresOn");
		assertThat(post(this.alice, request, "revoke").status()).isEqualTo(409);
	}

	private TokenRequest issued() {
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(post(this.alice, request, "create").status()).isEqualTo(200);
		return this.requests.get(request.getId());
	}

	private long tokenIdOf(TokenRequest request) {
		return this.requests.get(request.getId()).getGitlabTokenId();
	}

	private void assertRevoked(TokenRequest request, long tokenId) {
		TokenRequest after = this.requests.get(request.getId());
		assertThat(after.getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(after.getRevokedAt()).isNotNull();
		assertThat(this.sandbox.state().token(tokenId)).as("gone from GitLab").isEmpty();
		assertThat(this.sandbox.faults().calls("DELETE", DELETE_CALLS)).hasSize(1);
	}

	private List<SandboxToken> activeTokensOf(TokenRequest request) {
		return this.sandbox.state()
			.accessTokens(request.getTargetPath())
			.stream()
			.filter((token) -> request.owns(token.name()) && token.active(this.sandbox.state().today()))
			.toList();
	}

	private AuditEvent lastEvent(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + action + " for " + request));
	}

	private void tightenPlatformPolicy(boolean active) {
		PolicyRules defaults = PolicyRules.defaults();
		PolicyRules everythingNeedsApproval = new PolicyRules(defaults.readScopes(), defaults.lowMaxAccessLevel(),
				defaults.lowMaxLifetimeDays(), defaults.standardMaxAccessLevel(), defaults.standardMaxLifetimeDays(),
				defaults.maxLifetimeDays(), defaults.groupWriteScopes(), defaults.forbiddenScopes(),
				defaults.forbiddenAccessLevels(), Tier.STANDARD);
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken("erin", null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			this.policy.change(SandboxSeed.PLATFORM, everythingNeedsApproval, active,
					active ? "every token needs approval" : "back to the defaults",
					PolicyEditor.user(SandboxSeed.ERIN_ID, "erin"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static PortalHttp.Response post(PortalHttp browser, TokenRequest request, String action) {
		return IssuanceTestSupport.post(browser, request.getId(), action);
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	/**
	 * The request's status reason as an English reader sees it: the database keeps a
	 * code, the bundle the words.
	 */
	private String reasonOf(TokenRequest request) {
		return this.messages.getMessage(request.getStatusReason(), Locale.ENGLISH);
	}

}
