package dev.tokenportal.api;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing GitLab tokens at the API costs GitLab calls for each guess, so refused tokens
 * count against the address as failed sign-ins do (security.md 2.17): after 30 within 3
 * minutes the address gets 429 with {@code Retry-After} and GitLab is not asked.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ApiTokenGuessingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	ApiCallerVerifier verifier;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		// every test calls from 127.0.0.1: a ban must not outlive this class
		this.jdbc.update("delete from login_failure");
		this.verifier.forgetAll();
	}

	@Test
	void thirtyRefusedTokensBanTheAddressBeforeGitLabIsAskedAgain() {
		assertThat(new ApiClient(this.port, SandboxSeed.BOB_TOKEN).get("/api/v1/requests").status()).isEqualTo(200);
		for (int i = 0; i < 30; i++) {
			ApiClient.Response refused = new ApiClient(this.port, "glpat-guess-" + i).get("/api/v1/requests");
			assertThat(refused.status()).as("guess %d is an ordinary refusal", i).isEqualTo(401);
		}
		this.sandbox.faults().clearCalls();
		ApiClient.Response banned = new ApiClient(this.port, SandboxSeed.ALICE_TOKEN).get("/api/v1/requests");
		assertThat(banned.status()).isEqualTo(429);
		assertThat(Long.parseLong(banned.header("Retry-After"))).isBetween(3500L, 3600L);
		assertThat(banned.json().get("type").asString())
			.isEqualTo("https://token-portal.dev/problems/too-many-failed-tokens");
		assertThat(banned.json().get("detail").asString()).contains("Too many GitLab tokens from this address");
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/personal_access_tokens/*"))
			.as("a banned address costs GitLab nothing")
			.isEmpty();
		assertThat(this.sandbox.faults().calls("GET", "/api/v4/user")).isEmpty();
		assertThat(new ApiClient(this.port, SandboxSeed.BOB_TOKEN).get("/api/v1/requests").status())
			.as("a token GitLab confirmed within the minute costs it nothing and still works")
			.isEqualTo(200);
	}

	@Test
	void aFewRefusedTokensDoNotStopAnHonestCaller() {
		for (int i = 0; i < 5; i++) {
			assertThat(new ApiClient(this.port, "glpat-typo-" + i).get("/api/v1/requests").status()).isEqualTo(401);
		}
		assertThat(new ApiClient(this.port, SandboxSeed.ALICE_TOKEN).get("/api/v1/requests").status()).isEqualTo(200);
	}

}
