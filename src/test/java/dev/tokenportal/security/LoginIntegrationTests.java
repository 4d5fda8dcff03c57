package dev.tokenportal.security;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real login dance over HTTP against the GitLab sandbox: authorize (state, nonce,
 * PKCE), code, token, userinfo, ID token signature. No mocked principal.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class LoginIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	PortalUserService users;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp browser;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.browser = new PortalHttp(this.port);
	}

	@Test
	void anonymousVisitorIsSentToTheLoginPage() {
		PortalHttp.Response home = this.browser.get("/");
		assertThat(home.status()).isEqualTo(302);
		assertThat(home.location()).endsWith("/login");
	}

	@Test
	void authorizationRequestUsesOidcWithPkceS256StateAndNonce() {
		PortalHttp.Response start = this.browser.get("/oauth2/authorization/gitlab");
		assertThat(start.status()).isEqualTo(302);
		URI authorize = URI.create(start.location());
		assertThat(authorize.toString()).startsWith(this.sandbox.baseUrl() + "/oauth/authorize");
		Map<String, String> query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().toSingleValueMap();
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", SandboxSeed.CLIENT_ID)
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge");
		assertThat(decode(query.get("scope"))).contains("openid", "profile", "email", "read_api")
			.doesNotContain("api ");
		assertThat(decode(query.get("redirect_uri")))
			.isEqualTo("http://localhost:" + this.port + "/login/oauth2/code/gitlab");
	}

	@Test
	void loginShowsWhoIAmAndMyProjectsAndRecordsTheSignIn() {
		PortalHttp.Response callback = this.browser.loginAs("alice");
		assertThat(callback.location()).startsWith("http://localhost:" + this.port + "/");
		PortalHttp.Response home = this.browser.get(callback.location());
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Alice Developer", "@alice", "platform/backend/api", "platform/backend");
		PortalUser user = this.users.find(SandboxSeed.ALICE_ID).orElseThrow();
		assertThat(user.getUsername()).isEqualTo("alice");
		assertThat(user.getName()).isEqualTo("Alice Developer");
		assertThat(user.getLastLoginAt()).isAfterOrEqualTo(user.getFirstLoginAt());
		Map<String, Object> audit = this.jdbc.queryForMap("select * from audit_event where action = 'login.success' "
				+ "and actor_id = ? order by seq desc limit 1", SandboxSeed.ALICE_ID);
		assertThat(audit).containsEntry("actor_username", "alice")
			.containsEntry("outcome", "SUCCESS")
			.containsEntry("client_ip", "127.0.0.1");
		assertThat(audit.get("correlation_id")).isNotNull();
		assertThat(audit.get("user_agent")).isNotNull();
	}

	@Test
	void usersGitLabTokensAreKeptInTheSessionOnlyEncrypted() {
		this.browser.loginAs("alice");
		assertThat(this.browser.get("/").body()).as("GitLab calls with her token work")
			.contains("platform/backend/api");
		List<String> credentials = this.sandbox.issuedOAuthTokenValues();
		assertThat(credentials).isNotEmpty();
		String sessions = String.join("\n", this.jdbc.query("select attribute_bytes from spring_session_attributes",
				(rs, row) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)));
		assertThat(this.jdbc.queryForList("select attribute_name from spring_session_attributes", String.class))
			.as("the sign-in travels with the session, so any instance can serve her")
			.contains(EncryptedSessionAuthorizedClientRepository.class.getName() + ".gitlab");
		for (String credential : credentials) {
			assertThat(sessions).doesNotContain(credential);
		}
	}

	@Test
	void theIdTokenIsKeptInTheSessionOnlyEncrypted() {
		this.browser.loginAs("alice");
		assertThat(this.browser.get("/").body()).as("she is signed in and works as before")
			.contains("Alice Developer", "platform/backend/api");
		List<String> idTokens = this.sandbox.issuedIdTokens();
		assertThat(idTokens).isNotEmpty();
		String sessions = String.join("\n", this.jdbc.query("select attribute_bytes from spring_session_attributes",
				(rs, row) -> new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)));
		assertThat(sessions).as("her session is stored").contains("alice");
		for (String idToken : idTokens) {
			assertThat(sessions).doesNotContain(idToken)
				.doesNotContain(idToken.substring(idToken.lastIndexOf('.') + 1));
		}
	}

	@Test
	void secondLoginKeepsTheFirstLoginTimeAndMovesTheLastOne() {
		new PortalHttp(this.port).loginAs("carol");
		PortalUser first = this.users.find(SandboxSeed.CAROL_ID).orElseThrow();
		new PortalHttp(this.port).loginAs("carol");
		PortalUser second = this.users.find(SandboxSeed.CAROL_ID).orElseThrow();
		assertThat(second.getFirstLoginAt()).isEqualTo(first.getFirstLoginAt());
		assertThat(second.getLastLoginAt()).isAfter(first.getLastLoginAt());
	}

	@Test
	void loginIssuesANewSessionAndTheOldOneStaysAnonymous() {
		this.browser.get("/oauth2/authorization/gitlab");
		String before = this.browser.sessionCookie().orElseThrow();
		this.browser.loginAs("alice");
		String after = this.browser.sessionCookie().orElseThrow();
		assertThat(after).isNotEqualTo(before);
		PortalHttp attacker = new PortalHttp(this.port);
		attacker.useSessionCookie(before);
		assertThat(attacker.get("/").status()).isEqualTo(302);
	}

	@Test
	void callbackWithAForeignStateIsRefused() {
		PortalHttp.Response start = this.browser.get("/oauth2/authorization/gitlab");
		PortalHttp.Response authorize = this.browser.get(start.location() + "&login_hint=alice");
		String tampered = authorize.location().replaceAll("state=[^&]+", "state=forged");
		PortalHttp.Response callback = this.browser.get(tampered);
		assertThat(callback.status()).isEqualTo(302);
		assertThat(callback.location()).endsWith("/login?error");
		assertThat(this.browser.get("/").status()).isEqualTo(302);
		Map<String, Object> audit = this.jdbc
			.queryForMap("select * from audit_event where action = 'login.failure' order by seq desc limit 1");
		assertThat(audit).containsEntry("outcome", "FAILURE").containsEntry("actor_username", "system");
		assertThat((String) audit.get("details")).contains("authorization_request_not_found")
			.doesNotContain("code=", "forged");
	}

	@Test
	void logoutIsAPostThatEndsTheSession() {
		this.browser.loginAs("alice");
		PortalHttp.Response home = this.browser.get("/");
		String session = this.browser.sessionCookie().orElseThrow();
		assertThat(this.browser.get("/logout").status()).as("GET does not log out").isNotEqualTo(302);
		assertThat(this.browser.get("/").status()).isEqualTo(200);
		PortalHttp.Response logout = this.browser.post("/logout", Map.of("_csrf", PortalHttp.csrfToken(home.body())));
		assertThat(logout.status()).isEqualTo(302);
		assertThat(logout.location()).endsWith("/login?logout");
		assertThat(this.browser.get("/").status()).isEqualTo(302);
		PortalHttp replay = new PortalHttp(this.port);
		replay.useSessionCookie(session);
		assertThat(replay.get("/").status()).isEqualTo(302);
	}

	@Test
	void logoutWithoutCsrfTokenIsRefused() {
		this.browser.loginAs("alice");
		assertThat(this.browser.post("/logout", Map.of()).status()).isEqualTo(403);
		assertThat(this.browser.get("/").status()).isEqualTo(200);
	}

	@Test
	void auditorGroupMembersSeeHealthDetailsAndDevelopersDoNot() {
		PortalHttp dave = new PortalHttp(this.port);
		dave.loginAs("dave");
		assertThat(dave.get("/actuator/health").body()).contains("\"gitlab\"", "\"db\"");
		this.browser.loginAs("alice");
		assertThat(this.browser.get("/actuator/health").body()).doesNotContain("\"gitlab\"", "\"db\"");
	}

	private static String decode(String value) {
		return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
