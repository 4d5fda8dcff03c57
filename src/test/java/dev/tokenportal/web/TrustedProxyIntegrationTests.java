package dev.tokenportal.web;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static dev.tokenportal.web.ForwardedHeadersIntegrationTests.clientIpOfEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * security.md 11.6 behind configured proxies: the test client at 127.0.0.1 (or ::1) plays
 * the reverse proxy, and 203.0.113.0/24 is a second proxy in front of it (a CDN, say).
 * The client is the first address from the right that is not a trusted proxy; whatever
 * the client itself wrote at the left of {@code X-Forwarded-For} never wins.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@TestPropertySource(properties = { "portal.web.trusted-proxies=127.0.0.0/8, ::1/128, 203.0.113.0/24",
		"portal.web.allowed-hosts=localhost, portal.example.com" })
class TrustedProxyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forgetFailures() {
		this.jdbc.update("delete from login_failure");
	}

	@Test
	void theClientBehindTheTrustedProxiesLandsInTheAuditAndTheThrottle() {
		PortalHttp proxy = new PortalHttp(this.port).withHeader("X-Forwarded-For",
				"192.0.2.66, 198.51.100.9, 203.0.113.7");

		PortalHttp.Response failed = proxy.get("/login/oauth2/code/gitlab?code=guess&state=forged");

		assertThat(failed.status()).isEqualTo(302);
		assertThat(clientIpOfEvent(this.jdbc, "login.failure", failed.header("X-Correlation-Id")))
			.isEqualTo("198.51.100.9");
		assertThat(this.jdbc.queryForList("select client_ip from login_failure", String.class))
			.containsExactly("198.51.100.9");
	}

	@Test
	void aSignInThroughTheProxyRecordsTheClientsIpv6Address() {
		PortalHttp proxy = new PortalHttp(this.port).withHeader("X-Forwarded-For", "2001:db8::7");

		PortalHttp.Response signedIn = proxy.loginAs(SandboxSeed.ALICE);

		assertThat(clientIpOfEvent(this.jdbc, "login.success", signedIn.header("X-Correlation-Id")))
			.isEqualTo("2001:db8::7");
	}

	@Test
	void aValueThatIsNotAnAddressStopsAtTheProxyThatReportedIt() {
		PortalHttp proxy = new PortalHttp(this.port).withHeader("X-Forwarded-For", "=HYPERLINK(\"x\"), 203.0.113.7");

		PortalHttp.Response failed = proxy.get("/login/oauth2/code/gitlab?code=guess&state=forged");

		assertThat(clientIpOfEvent(this.jdbc, "login.failure", failed.header("X-Correlation-Id")))
			.isEqualTo("203.0.113.7");
	}

	@Test
	void schemeAndHostComeFromTheNearestProxy() {
		PortalHttp proxy = new PortalHttp(this.port).withHeader("X-Forwarded-Proto", "https")
			.withHeader("X-Forwarded-Host", "evil.example, portal.example.com")
			.withHeader("X-Forwarded-Port", "443")
			// RFC 7239 is passed through from clients by common proxies: never believed
			.withHeader("Forwarded", "host=evil.example;proto=http");

		PortalHttp.Response toGitLab = proxy.get("/oauth2/authorization/gitlab");

		assertThat(ForwardedHeadersIntegrationTests.redirectUri(toGitLab.location()))
			.isEqualTo("https://portal.example.com/login/oauth2/code/gitlab");
		assertThat(proxy.get("/requests").location()).isEqualTo("https://portal.example.com/login");
	}

}
