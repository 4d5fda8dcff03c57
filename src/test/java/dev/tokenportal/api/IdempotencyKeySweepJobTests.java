package dev.tokenportal.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.MovableClock;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of idempotency keys on the whole portal: keys older than the retention (a
 * day) go, fresh keys stay, and a script that retries with a swept key makes a new call
 * rather than getting the old answer. The portal's clock is moved instead of waiting a
 * day, and the job is run by hand.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class IdempotencyKeySweepJobTests {

	@LocalServerPort
	int port;

	@Autowired
	IdempotencyKeySweepJob job;

	@Autowired
	MovableClock clock;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void keysOlderThanADayGoFreshKeysStayAndARetryAfterTheSweepIsANewCall() {
		ApiClient alice = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN);
		String oldKey = "sweep-old-" + UUID.randomUUID();
		String freshKey = "sweep-fresh-" + UUID.randomUUID();
		String oldBody = request("sweep-old");
		String freshBody = request("sweep-fresh");

		ApiClient.Response first = alice.key(oldKey).post("/api/v1/requests", oldBody);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		String firstId = first.json().get("id").asString();

		this.clock.advance(Duration.ofHours(23));
		ApiClient.Response fresh = alice.key(freshKey).post("/api/v1/requests", freshBody);
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
		this.clock.advance(Duration.ofHours(2));

		// the old key is 25 hours old, the fresh one 2 hours
		assertThat(this.job.sweep(this.clock.instant())).isGreaterThanOrEqualTo(1);
		assertThat(keyExists(oldKey)).isFalse();
		assertThat(keyExists(freshKey)).isTrue();

		ApiClient.Response freshRetry = alice.key(freshKey).post("/api/v1/requests", freshBody);
		assertThat(freshRetry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(freshRetry.json().get("id").asString()).isEqualTo(fresh.json().get("id").asString());

		ApiClient.Response oldRetry = alice.key(oldKey).post("/api/v1/requests", oldBody);
		assertThat(oldRetry.status()).as(oldRetry.toString()).isEqualTo(201);
		assertThat(oldRetry.header("Idempotent-Replayed")).isNull();
		assertThat(oldRetry.json().get("id").asString()).isNotEqualTo(firstId);
		assertThat(keyExists(oldKey)).isTrue();
	}

	@Test
	void aKeyJustInsideTheRetentionStays() {
		ApiClient alice = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN);
		String key = "sweep-edge-" + UUID.randomUUID();
		assertThat(alice.key(key).post("/api/v1/requests", request("sweep-edge")).status()).isEqualTo(201);
		this.clock.advance(Duration.ofHours(24).minusMinutes(1));
		this.job.sweep();
		assertThat(keyExists(key)).isTrue();
		this.clock.advance(Duration.ofMinutes(2));
		this.job.sweep();
		assertThat(keyExists(key)).isFalse();
	}

	private boolean keyExists(String key) {
		return this.jdbc.queryForObject("SELECT count(*) FROM api_idempotency_key WHERE idempotency_key = ?",
				Long.class, key) == 1L;
	}

	private static String request(String name) {
		return """
				{"target":"project:%d","tokenName":"%s","scopes":["read_api"],"accessLevel":20,
				 "expiresOn":"%s","justification":"The nightly job reads the package registry"}""".formatted(
				SandboxSeed.API_ID, name + "-" + UUID.randomUUID().toString().substring(0, 8),
				LocalDate.now().plusDays(20));
	}

}
