package dev.tokenportal.issuance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxToken;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyEditor;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import static dev.tokenportal.issuance.IssuanceTestSupport.ALICE;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static dev.tokenportal.issuance.IssuanceTestSupport.valueIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens with a lifetime in hours, over real HTTP against the GitLab sandbox: the hours
 * start at Create, GitLab gets the next day as a backstop, and {@link TokenLifetimeJob}
 * revokes at the exact end (not a minute before), in GitLab and on the request, audited;
 * a GitLab that does not answer leaves the token for the next run; rotation starts the
 * hours again. The portal's clock is moved instead of waiting.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class HourLifetimeIntegrationTests {

	private static final String DELETE_CALLS = "/api/v4/projects/*/access_tokens/*";

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	TokenLifetimeJob job;

	@Autowired
	AuditTrail audit;

	@Autowired
	MovableClock clock;

	@Autowired
	PolicyService policy;

	PortalHttp alice;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.alice = signedIn(this.port, "alice");
	}

	@AfterEach
	void clockBack() {
		this.clock.reset();
		this.sandbox.faults().clear();
	}

	@Test
	void theHoursArePolicyDaysRoundedUpSoEightHoursIsALowTierDayAndTheHoursAreKept() {
		TokenRequest request = submitHours(8);

		assertThat(request.getStatus()).as("read_api, Reporter, one day: granted at once")
			.isEqualTo(TokenRequestStatus.APPROVED);
		assertThat(request.getTier()).isEqualTo(Tier.LOW);
		assertThat(request.getLifetimeHours()).isEqualTo(8);
		assertThat(request.getRevokeAt()).as("the hours start at Create, not now").isNull();
		assertThat(this.alice.get("/requests/" + request.getId()).body()).contains("8 hours from creation");
	}

	@Test
	void hoursCountForThePolicyAsTheDaysTheySpan() {
		lowTierForOneDayOnly(true);
		try {
			assertThat(submitHours(24).getTier()).as("24 hours: one day, low").isEqualTo(Tier.LOW);
			TokenRequest standard = submitHours(25);
			assertThat(standard.getTier()).as("25 hours: two days, no longer low").isEqualTo(Tier.STANDARD);
			// the queue is paged, oldest first, and other classes leave requests pending
			assertThat(signedIn(this.port, "carol").get("/approvals?q=migration").body())
				.as("what the Owner decides on")
				.contains("25 hours from creation");
		}
		finally {
			lowTierForOneDayOnly(false);
		}
	}

	@Test
	void hoursOutsideOneToSeventyTwoAreNotSubmitted() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> submitHours(73));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> submitHours(0));
	}

	@Test
	void createGivesGitLabTheNextDayAndTheRequestTheExactEnd() {
		TokenRequest request = submitHours(8);
		this.clock.advance(Duration.ofHours(3));
		Instant before = this.clock.instant();

		PortalHttp.Response created = IssuanceTestSupport.post(this.alice, request.getId(), "create");

		Instant after = this.clock.instant();
		assertThat(created.status()).isEqualTo(200);
		valueIn(created.body());
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(issued.getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(issued.getRevokeAt()).as("8 hours from Create")
			.isBetween(before.plus(Duration.ofHours(8)), after.plus(Duration.ofHours(8)));
		LocalDate backstop = LocalDate.ofInstant(issued.getRevokeAt(), ZoneOffset.UTC).plusDays(1);
		assertThat(tokenOf(issued).expiresAt()).as("GitLab's expiry: the day after the end").isEqualTo(backstop);
		assertThat(issued.getIssuedExpiresOn()).isEqualTo(backstop);
		String endsAt = utc(issued.getRevokeAt());
		assertThat(created.body()).contains("The portal revokes it at " + endsAt);
		assertThat(this.alice.get("/requests/" + request.getId()).body())
			.contains("8 hours from creation: the portal revokes it at " + endsAt);
		assertThat(this.alice.get("/tokens").body()).contains("Ends at " + endsAt);
	}

	@Test
	void theJobRevokesAtTheEndAndNotAMinuteBefore() {
		TokenRequest issued = issuedHours(8);
		long tokenId = issued.getGitlabTokenId();
		Duration toEnd = Duration.between(this.clock.instant(), issued.getRevokeAt());
		this.sandbox.faults().clearCalls();

		this.clock.advance(toEnd.minusMinutes(1));
		assertThat(this.job.revokeEnded()).doesNotContain(issued.getId());
		assertThat(this.requests.get(issued.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(tokenOf(issued).revoked()).isFalse();
		assertThat(this.sandbox.faults().calls("DELETE", DELETE_CALLS)).isEmpty();

		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.job.revokeEnded()).contains(issued.getId());

		TokenRequest revoked = this.requests.get(issued.getId());
		assertThat(revoked.getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(revoked.getStatusReason().code()).isEqualTo("issuance.reason.lifetime-ended");
		assertThat(goneInGitLab(tokenId)).isTrue();
		AuditEvent event = lastEvent(issued, "token.revoked");
		assertThat(event.actorUsername()).isEqualTo("system");
		assertThat(event.details()).contains("its lifetime of 8 hours from creation ended", "\"alreadyGone\":false");
		assertThat(this.job.revokeEnded()).as("once only").doesNotContain(issued.getId());
	}

	@Test
	void aGitLabThatDoesNotAnswerLeavesTheTokenForTheNextRun() {
		TokenRequest issued = issuedHours(1);
		this.sandbox.faults().on("DELETE", DELETE_CALLS).respond(503, "{\"message\":\"503 Service Unavailable\"}");
		this.clock.advance(Duration.ofHours(1).plusMinutes(1));

		assertThat(this.job.revokeEnded()).doesNotContain(issued.getId());
		assertThat(this.requests.get(issued.getId()).getStatus()).isEqualTo(TokenRequestStatus.ISSUED);
		assertThat(tokenOf(issued).revoked()).isFalse();
		assertThat(this.audit.eventsOfRequest(issued.getId())).noneMatch((e) -> e.action().equals("token.revoked"));

		this.sandbox.faults().clear();
		assertThat(this.job.revokeEnded()).contains(issued.getId());
		assertThat(this.requests.get(issued.getId()).getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(goneInGitLab(issued.getGitlabTokenId())).isTrue();
	}

	@Test
	void aTokenGitLabNoLongerKnowsIsRecordedAsGone() throws Exception {
		TokenRequest issued = issuedHours(2);
		HttpResponse<String> outside = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create(this.sandbox.baseUrl() + "/api/v4/projects/" + SandboxSeed.API_ID
						+ "/access_tokens/" + issued.getGitlabTokenId()))
				.header("PRIVATE-TOKEN", SandboxSeed.ROOT_TOKEN)
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(outside.statusCode()).as("revoked in GitLab, outside the portal").isEqualTo(204);
		this.clock.advance(Duration.ofHours(3));

		assertThat(this.job.revokeEnded()).contains(issued.getId());
		assertThat(this.requests.get(issued.getId()).getStatus()).isEqualTo(TokenRequestStatus.REVOKED);
		assertThat(lastEvent(issued, "token.revoked").details()).contains("\"alreadyGone\":true");
	}

	@Test
	void rotationStartsTheHoursAgain() {
		TokenRequest issued = issuedHours(8);
		long oldId = issued.getGitlabTokenId();
		this.clock.advance(Duration.ofHours(5));
		Instant before = this.clock.instant();

		PortalHttp.Response rotated = IssuanceTestSupport.post(this.alice, issued.getId(), "rotate");

		assertThat(rotated.status()).isEqualTo(200);
		valueIn(rotated.body());
		TokenRequest after = this.requests.get(issued.getId());
		assertThat(after.getGitlabTokenId()).isNotEqualTo(oldId);
		assertThat(after.getRevokeAt()).as("8 hours from the rotation")
			.isBetween(before.plus(Duration.ofHours(8)), this.clock.instant().plus(Duration.ofHours(8)));
		assertThat(tokenOf(after).expiresAt())
			.isEqualTo(LocalDate.ofInstant(after.getRevokeAt(), ZoneOffset.UTC).plusDays(1));
		assertThat(rotated.body()).contains("The portal revokes it at " + utc(after.getRevokeAt()));

		this.clock.advance(Duration.ofHours(4));
		assertThat(this.job.revokeEnded()).as("9 hours after Create, 4 after the rotation")
			.doesNotContain(issued.getId());
		this.clock.advance(Duration.ofHours(4).plusMinutes(1));
		assertThat(this.job.revokeEnded()).contains(issued.getId());
		assertThat(goneInGitLab(after.getGitlabTokenId())).isTrue();
	}

	private void lowTierForOneDayOnly(boolean active) {
		PolicyRules defaults = PolicyRules.defaults();
		PolicyRules oneDay = new PolicyRules(defaults.readScopes(), defaults.lowMaxAccessLevel(), 1,
				defaults.standardMaxAccessLevel(), defaults.standardMaxLifetimeDays(), defaults.maxLifetimeDays(),
				defaults.groupWriteScopes(), defaults.forbiddenScopes(), defaults.forbiddenAccessLevels(), Tier.LOW);
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken("erin", null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			this.policy.change(SandboxSeed.PLATFORM, oneDay, active,
					active ? "low tier for a day at most" : "back to the defaults",
					PolicyEditor.user(SandboxSeed.ERIN_ID, "erin"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private TokenRequest submitHours(int hours) {
		return this.requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID, "migration",
				"Runs the schema migration", List.of("read_api"), 20, LocalDate.now(ZoneOffset.UTC).plusDays(1),
				"Tonight's migration reads the API", null, hours), ALICE);
	}

	@Test
	void theJobDeletesTheVariableTheTokenWentInto() {
		TokenRequest request = submitHours(8);
		assertThat(this.alice.post("/requests/" + request.getId() + "/create",
				java.util.Map.of("_csrf", IssuanceTestSupport.csrf(this.alice), "deliver", "on", "destinationPath",
						SandboxSeed.WEB, "variableKey", "HOURLY_TOKEN", "environmentScope", "*", "protectedOnly", "on",
						"maskedAndHidden", "on"))
			.status()).isEqualTo(200);
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(this.sandbox.state().variable(SandboxSeed.WEB, "HOURLY_TOKEN", "*")).isPresent();

		this.clock.advance(Duration.between(this.clock.instant(), issued.getRevokeAt()).plusMinutes(1));
		assertThat(this.job.revokeEnded()).contains(issued.getId());

		assertThat(this.sandbox.state().variable(SandboxSeed.WEB, "HOURLY_TOKEN", "*"))
			.as("no dead token left in the variable")
			.isEmpty();
		assertThat(lastEvent(issued, "delivery.removed").details()).contains("REMOVED", "HOURLY_TOKEN");
	}

	private TokenRequest issuedHours(int hours) {
		TokenRequest request = submitHours(hours);
		assertThat(IssuanceTestSupport.post(this.alice, request.getId(), "create").status()).isEqualTo(200);
		TokenRequest issued = this.requests.get(request.getId());
		assertThat(issued.getRevokeAt()).isNotNull();
		return issued;
	}

	/** Revoked: older GitLab forgets the token, newer keeps it as revoked. */
	private boolean goneInGitLab(long tokenId) {
		return this.sandbox.state().token(tokenId).map(SandboxToken::revoked).orElse(true);
	}

	private SandboxToken tokenOf(TokenRequest request) {
		return this.sandbox.state()
			.token(request.getGitlabTokenId())
			.orElseThrow(() -> new AssertionError("GitLab has no token " + request.getGitlabTokenId()));
	}

	private AuditEvent lastEvent(TokenRequest request, String action) {
		return this.audit.eventsOfRequest(request.getId())
			.stream()
			.filter((event) -> event.action().equals(action))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + action + " for " + request));
	}

	// pages without the reader's time zone (no tz cookie) write moments in UTC
	private static String utc(Instant at) {
		return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(at);
	}

}
