package dev.tokenportal.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * security.md 11.6 with no trusted proxy configured (the default): the test client at
 * 127.0.0.1 is an ordinary client, and whatever forwarded headers it sends change neither
 * the audit's client address, nor the sign-in throttle's key, nor any redirect.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ForwardedHeadersIntegrationTests {

	private static final String SPOOFED_CLIENT = "198.51.100.23";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void forgetFailures() {
		this.jdbc.update("delete from login_failure");
	}

	@Test
	void forwardedForFromAnUntrustedClientReachesNeitherTheAuditNorTheThrottle() {
		PortalHttp attacker = new PortalHttp(this.port).withHeader("X-Forwarded-For", SPOOFED_CLIENT)
			.withHeader("X-Real-IP", SPOOFED_CLIENT)
			.withHeader("Forwarded", "for=" + SPOOFED_CLIENT);

		PortalHttp.Response failed = attacker.get("/login/oauth2/code/gitlab?code=guess&state=forged");

		assertThat(failed.status()).isEqualTo(302);
		assertThat(clientIpOfEvent(this.jdbc, "login.failure", failed.header("X-Correlation-Id")))
			.isEqualTo("127.0.0.1");
		assertThat(this.jdbc.queryForList("select client_ip from login_failure", String.class))
			.as("the throttle counts the failure against the real peer")
			.containsExactly("127.0.0.1");
	}

	@Test
	void forwardedHostFromAnUntrustedClientNeverReachesARedirect() {
		PortalHttp attacker = new PortalHttp(this.port).withHeader("X-Forwarded-Host", "evil.example")
			.withHeader("X-Forwarded-Proto", "https")
			.withHeader("X-Forwarded-Port", "8443")
			.withHeader("X-Forwarded-Prefix", "/evil")
			.withHeader("Forwarded", "host=evil.example;proto=https");

		PortalHttp.Response toLogin = attacker.get("/requests");
		assertThat(toLogin.status()).isEqualTo(302);
		assertThat(toLogin.location()).isEqualTo("http://localhost:" + this.port + "/login");

		PortalHttp.Response toGitLab = attacker.get("/oauth2/authorization/gitlab");
		assertThat(toGitLab.status()).isEqualTo(302);
		assertThat(redirectUri(toGitLab.location()))
			.isEqualTo("http://localhost:" + this.port + "/login/oauth2/code/gitlab");
	}

	@Test
	void aRequestForAnotherHostIsRefusedBeforeAnyRedirectIsBuiltFromIt() throws IOException {
		String refused = rawGet("/requests", "evil.example");
		assertThat(refused).startsWith("HTTP/1.1 400").doesNotContain("evil.example");
		assertThat(rawGet("/requests", "evil.example", "text/html")).as("a browser's page says why, from the bundle")
			.startsWith("HTTP/1.1 400")
			.contains("This portal does not answer to that host name; use its published address.");
		assertThat(rawGet("/oauth2/authorization/gitlab", "evil.example")).startsWith("HTTP/1.1 400")
			.doesNotContain("evil.example");
		assertThat(rawGet("/requests", "localhost:" + this.port)).startsWith("HTTP/1.1 302")
			.containsIgnoringCase("\r\nLocation: /login\r\n");
		assertThat(rawGet("/actuator/health/liveness", "10.1.2.3")).as("probes call by address")
			.startsWith("HTTP/1.1 200");
	}

	/**
	 * A GET with a Host header of our choosing, which Java's HTTP client will not send.
	 */
	private String rawGet(String path, String host) throws IOException {
		return rawGet(path, host, "*/*");
	}

	private String rawGet(String path, String host, String accept) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: " + accept
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/** The client address the audit recorded for one event of one request. */
	static String clientIpOfEvent(JdbcTemplate jdbc, String action, String correlationId) {
		List<String> ips = jdbc.queryForList(
				"select client_ip from audit_event where action = ? and correlation_id = ?", String.class, action,
				correlationId);
		assertThat(ips).as("one %s event for request %s", action, correlationId).hasSize(1);
		return ips.get(0);
	}

	static String redirectUri(String authorizeUrl) {
		for (String parameter : URI.create(authorizeUrl).getRawQuery().split("&")) {
			if (parameter.startsWith("redirect_uri=")) {
				return URLDecoder.decode(parameter.substring("redirect_uri=".length()), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no redirect_uri in " + authorizeUrl);
	}

}
