package dev.tokenportal.security;

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
 * security.md 2.17: 30 failed sign-in callbacks from one address within 3 minutes ban it
 * for an hour with 429 and {@code Retry-After}; other addresses are not affected.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class LoginThrottleIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	LoginThrottle throttle;

	@BeforeEach
	@AfterEach
	void forgetFailures() {
		// every test signs in from 127.0.0.1: a ban must not outlive this class
		this.jdbc.update("delete from login_failure");
	}

	@Test
	void thirtyFailedCallbacksBanTheAddressWithRetryAfter() {
		PortalHttp attacker = new PortalHttp(this.port);
		for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
			PortalHttp.Response failed = attacker.get("/login/oauth2/code/gitlab?code=guess-" + i + "&state=forged");
			assertThat(failed.status()).as("failure %d is an ordinary failed sign-in", i).isEqualTo(302);
			assertThat(failed.location()).endsWith("/login?error");
		}
		PortalHttp.Response banned = attacker.get("/login/oauth2/code/gitlab?code=guess-31&state=forged");
		assertThat(banned.status()).isEqualTo(429);
		assertThat(Long.parseLong(banned.header("Retry-After"))).isBetween(3500L, 3600L);
		assertThat(banned.body()).as("the page says why, from the bundle")
			.contains("Too many failed sign-ins from this address; try again later.");
		PortalHttp.Response honest = new PortalHttp(this.port).get("/oauth2/authorization/gitlab");
		assertThat(honest.status()).as("starting a sign-in is not the callback").isEqualTo(302);
	}

	@Test
	void failuresSpreadOverMoreThanThreeMinutesDoNotBan() {
		for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
			this.jdbc.update("insert into login_failure (client_ip, failed_at) values ('10.9.9.9', now() - ? * "
					+ "interval '10 seconds')", i);
		}
		assertThat(this.throttle.banRemaining("10.9.9.9")).as("30 failures in 290 s").isEmpty();
		for (int i = 0; i < 12; i++) {
			this.jdbc.update("insert into login_failure (client_ip, failed_at) values ('10.9.9.9', now())");
		}
		assertThat(this.throttle.banRemaining("10.9.9.9")).as("now the newest 30 fall within 170 s").isPresent();
		assertThat(this.throttle.banRemaining("10.9.9.8")).as("another address").isEmpty();
	}

}
