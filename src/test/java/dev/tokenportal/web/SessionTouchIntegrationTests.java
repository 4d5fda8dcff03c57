package dev.tokenportal.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: with a session cookie, static assets never load the session, and pages
 * rewrite the session row only when its last access is a minute old: otherwise every
 * request, a stylesheet included, queued an UPDATE on PostgreSQL.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SessionTouchIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	private PortalHttp alice;

	private String sessionId;

	@BeforeEach
	void signIn() {
		this.alice = new PortalHttp(this.port);
		this.alice.loginAs(SandboxSeed.ALICE);
		assertThat(this.alice.get("/").status()).isEqualTo(200);
		this.sessionId = new String(Base64.getDecoder().decode(this.alice.sessionCookie().orElseThrow()),
				StandardCharsets.UTF_8);
	}

	@Test
	void staticAssetsNeitherLoadNorTouchTheSession() {
		Instant before = lastAccessSetBack(Duration.ofSeconds(10));
		double loads = sessionLoads();
		for (String path : new String[] { "/css/portal.css", "/js/request-form.js", "/images/favicon.svg" }) {
			PortalHttp.Response response = this.alice.get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
		assertThat(sessionLoads()).as("session loads for public resources").isEqualTo(loads);
		assertThat(lastAccess()).isEqualTo(before);
	}

	@Test
	void pagesLeaveARecentlyTouchedSessionRowAlone() {
		Instant before = lastAccessSetBack(Duration.ofSeconds(10));
		assertThat(this.alice.get("/").status()).isEqualTo(200);
		assertThat(this.alice.get("/requests").status()).isEqualTo(200);
		assertThat(lastAccess()).isEqualTo(before);
	}

	@Test
	void aPageTouchesASessionRowAMinuteOld() {
		Instant before = lastAccessSetBack(Duration.ofSeconds(90));
		assertThat(this.alice.get("/").status()).isEqualTo(200);
		assertThat(lastAccess()).isAfter(before.plusSeconds(80));
	}

	@Test
	void aStaleTouchDoesNotShortenTheIdleTimeout() {
		// the row is kept at most a minute behind, so the session never outlives its
		// idle timeout; it still lives while the user keeps working
		lastAccessSetBack(Duration.ofMinutes(29));
		assertThat(this.alice.get("/").status()).isEqualTo(200);
		assertThat(this.alice.get("/requests").status()).isEqualTo(200);
	}

	private Instant lastAccessSetBack(Duration ago) {
		long millis = Instant.now().minus(ago).toEpochMilli();
		this.jdbc
			.update("update spring_session set last_access_time = ?, expiry_time = ? + max_inactive_interval * 1000 "
					+ "where session_id = ?", millis, millis, this.sessionId);
		return lastAccess();
	}

	private Instant lastAccess() {
		return Instant.ofEpochMilli(this.jdbc.queryForObject(
				"select last_access_time from spring_session where session_id = ?", Long.class, this.sessionId));
	}

	private double sessionLoads() {
		return this.meters.counter("portal.sessions.loaded").count();
	}

}
