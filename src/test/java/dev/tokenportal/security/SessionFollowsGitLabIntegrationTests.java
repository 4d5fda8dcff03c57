package dev.tokenportal.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
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
 * A portal session follows GitLab (security.md 11.3, 11.4): a user GitLab blocks or
 * deletes loses their session at their next request once the re-check interval has
 * passed, and the auditor role follows membership of the auditor groups without signing
 * in again. Time is moved, not waited for.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SessionFollowsGitLabIntegrationTests {

	private static final String USER_CHECKS = "/api/v4/users/*";

	private static final Duration PAST_THE_INTERVAL = Duration.ofMinutes(1).plusSeconds(1);

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	long eventsBefore;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.eventsBefore = this.jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
	}

	@AfterEach
	void timeAndGitLabAsTheyWere() {
		this.clock.reset();
		this.sandbox.reset();
	}

	@Test
	void aBlockedUsersSessionEndsAtTheirNextRequestOnceTheIntervalHasPassed() {
		PortalHttp alice = signedIn("alice");
		this.sandbox.state().blockUser(SandboxSeed.ALICE);
		assertThat(alice.get("/requests").status()).as("within the interval the session stands").isEqualTo(200);

		this.clock.advance(PAST_THE_INTERVAL);
		PortalHttp.Response next = alice.get("/requests");

		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).contains("/login");
		assertThat(alice.get("/requests").status()).as("the session is gone for good").isEqualTo(302);
		assertThat(sessionEndedEvents(SandboxSeed.ALICE_ID)).singleElement()
			.satisfies((event) -> assertThat(event.get("details").toString()).contains("blocked"));
	}

	@Test
	void aDeletedUsersSessionEndsAtTheirNextRequestOnceTheIntervalHasPassed() {
		PortalHttp carol = signedIn("carol");
		this.sandbox.state().deleteUser(SandboxSeed.CAROL);

		this.clock.advance(PAST_THE_INTERVAL);

		assertThat(carol.get("/requests").status()).isEqualTo(302);
		assertThat(sessionEndedEvents(SandboxSeed.CAROL_ID)).singleElement()
			.satisfies((event) -> assertThat(event.get("details").toString()).contains("deleted"));
	}

	@Test
	void gitLabIsAskedAtMostOncePerIntervalAndAnActiveUserCarriesOn() {
		PortalHttp alice = signedIn("alice");
		for (int i = 0; i < 5; i++) {
			assertThat(alice.get("/requests").status()).isEqualTo(200);
		}
		assertThat(this.sandbox.faults().calls("GET", USER_CHECKS)).isEmpty();

		this.clock.advance(PAST_THE_INTERVAL);
		for (int i = 0; i < 5; i++) {
			assertThat(alice.get("/requests").status()).isEqualTo(200);
		}

		assertThat(this.sandbox.faults().calls("GET", USER_CHECKS)).hasSize(1);
		assertThat(sessionEndedEvents(SandboxSeed.ALICE_ID)).isEmpty();
	}

	@Test
	void joiningTheAuditorGroupGrantsTheAuditPagesWithoutSigningInAgain() {
		PortalHttp alice = signedIn("alice");
		assertThat(alice.get("/audit").status()).isEqualTo(403);
		this.sandbox.state().addMember(SandboxSeed.SECURITY_AUDITORS, SandboxSeed.ALICE, 30);

		this.clock.advance(PAST_THE_INTERVAL);

		assertThat(alice.get("/audit").status()).isEqualTo(200);
		assertThat(alice.get("/").body()).contains("/audit");
		assertThat(this.jdbc.queryForList("select details from audit_event where action = 'session.roles-changed' "
				+ "and actor_id = ? and seq > ?", String.class, SandboxSeed.ALICE_ID, this.eventsBefore))
			.singleElement()
			.satisfies((details) -> assertThat(details).contains("AUDITOR"));
	}

	@Test
	void leavingTheAuditorGroupTakesTheAuditPagesAwayWithoutSigningInAgain() {
		PortalHttp dave = signedIn("dave");
		assertThat(dave.get("/audit").status()).isEqualTo(200);
		this.sandbox.state().removeMember(SandboxSeed.SECURITY_AUDITORS, SandboxSeed.DAVE);

		this.clock.advance(PAST_THE_INTERVAL);

		assertThat(dave.get("/audit").status()).isEqualTo(403);
		assertThat(dave.get("/requests").status()).as("still signed in, as a developer").isEqualTo(200);
	}

	@Test
	void aSessionWhoseGitLabSignInGitLabNoLongerAcceptsEndsAtTheNextRequest() {
		PortalHttp alice = signedIn("alice");
		// GitLab forgets every OAuth grant: her access token now gets 401
		this.sandbox.reset();

		alice.get("/");
		PortalHttp.Response next = alice.get("/requests");

		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).contains("/login");
	}

	@Test
	void whenGitLabRefusesABlockedUsersOwnTokenTheSessionEndsWithoutWaitingForTheInterval() {
		PortalHttp alice = signedIn("alice");
		this.sandbox.state().blockUser(SandboxSeed.ALICE);

		// the home page lists her projects with her own token: GitLab answers 403
		alice.get("/");
		PortalHttp.Response next = alice.get("/requests");

		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).contains("/login");
		assertThat(sessionEndedEvents(SandboxSeed.ALICE_ID)).hasSize(1);
	}

	@Test
	void whileGitLabCannotBeAskedTheSessionStandsButGroupRolesLapseAfterTenMinutes() {
		PortalHttp dave = signedIn("dave");
		this.sandbox.faults().on("GET", USER_CHECKS).respond(500, "{\"message\":\"500 Internal Server Error\"}");

		this.clock.advance(PAST_THE_INTERVAL);
		assertThat(dave.get("/audit").status()).as("confirmed a minute ago").isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(10));
		assertThat(dave.get("/audit").status()).as("unconfirmed for ten minutes").isEqualTo(403);
		assertThat(dave.get("/requests").status()).as("still signed in").isEqualTo(200);
		assertThat(sessionEndedEvents(SandboxSeed.DAVE_ID)).isEmpty();
	}

	private PortalHttp signedIn(String username) {
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs(username);
		this.sandbox.faults().clearCalls();
		return browser;
	}

	private List<Map<String, Object>> sessionEndedEvents(long userId) {
		return this.jdbc.queryForList(
				"select * from audit_event where action = 'session.ended' and actor_id = ? and seq > ?", userId,
				this.eventsBefore);
	}

}
