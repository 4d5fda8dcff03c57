package dev.tokenportal.requests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.CapturedEvents;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
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
 * The portal's own expiry reminders: 30, 7 and 1 days before an issued token expires,
 * once each however often the job runs, and afresh for a rotated token.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenExpiryReminderJobTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	TokenExpiryReminderJob job;

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
	void remindsThirtySevenAndOneDayBeforeExpiryOnceEach() {
		TokenRequest request = issuedToken();
		LocalDate expiresOn = request.tokenExpiresOn();
		for (LocalDate day = expiresOn.minusDays(31); day.isBefore(expiresOn.plusDays(1)); day = day.plusDays(1)) {
			runTwiceOn(day);
		}
		assertThat(remindersOf(request)).extracting(TokenExpiring::daysLeft).containsExactly(30, 7, 1);
		assertThat(remindersOf(request)).allSatisfy((expiring) -> {
			assertThat(expiring.fromGitLab()).isFalse();
			assertThat(expiring.actor()).isEqualTo(TokenRequestEvent.Actor.SYSTEM);
			assertThat(expiring.request().gitlabTokenId()).isEqualTo(request.getGitlabTokenId());
		});
		assertThat(this.jdbc.queryForList("select days from token_expiry_reminder where request_id = ? order by days",
				Integer.class, request.getId()))
			.containsExactly(1, 7, 30);
	}

	@Test
	void aRotatedTokenIsRemindedAgain() {
		TokenRequest request = issuedToken();
		runTwiceOn(request.tokenExpiresOn().minusDays(7));
		// what a rotation with the same expiry date leaves behind: a new GitLab token id
		this.jdbc.update("update token_request set gitlab_token_id = gitlab_token_id + 1000 where id = ?",
				request.getId());
		runTwiceOn(request.tokenExpiresOn().minusDays(7));
		assertThat(remindersOf(request)).extracting((expiring) -> expiring.request().gitlabTokenId())
			.containsExactly(request.getGitlabTokenId(), request.getGitlabTokenId() + 1000);
	}

	@Test
	void aRevokedTokenIsNotReminded() {
		TokenRequest request = issuedToken();
		assertThat(post(signedIn(this.port, "alice"), request.getId(), "revoke").status()).isEqualTo(302);
		runTwiceOn(request.tokenExpiresOn().minusDays(7));
		assertThat(remindersOf(request)).isEmpty();
	}

	private void runTwiceOn(LocalDate day) {
		Instant at = day.atTime(3, 0).toInstant(ZoneOffset.UTC);
		this.clock.advance(Duration.between(this.clock.instant(), at));
		this.job.remindExpiring();
		this.job.remindExpiring();
	}

	private TokenRequest issuedToken() {
		TokenRequest request = approvedApiRequest(this.requests);
		assertThat(post(signedIn(this.port, "alice"), request.getId(), "create").status()).isEqualTo(200);
		return this.requests.get(request.getId());
	}

	/** This request's reminders (other tests' tokens may be due on the same days). */
	private List<TokenExpiring> remindersOf(TokenRequest request) {
		return this.events.of(TokenExpiring.class)
			.stream()
			.filter((expiring) -> expiring.request().id().equals(request.getId()))
			.toList();
	}

}
