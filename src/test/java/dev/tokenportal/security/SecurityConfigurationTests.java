package dev.tokenportal.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Access rules and the security baseline of security.md §2–§3: deny by default, headers
 * on every response, CSRF on every unsafe request, no CORS, actuator limited to health
 * and info, error pages without internals.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SecurityConfigurationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Test
	void anonymousRequestsAreSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/anything/else")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void loginPageAndStaticAssetsArePublic() throws Exception {
		this.mvc.perform(get("/login")).andExpect(status().isOk());
		this.mvc.perform(get("/css/portal.css")).andExpect(status().isOk());
	}

	@Test
	void everyResponseCarriesTheSecurityHeaders() throws Exception {
		for (String path : new String[] { "/login", "/", "/does-not-exist" }) {
			this.mvc.perform(get(path))
				.andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
				.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
				.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
				.andExpect(header().string("Referrer-Policy", "no-referrer"))
				.andExpect(header().string("X-Frame-Options", "DENY"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("Cross-Origin-Opener-Policy", "same-origin"))
				.andExpect(header().string("Permissions-Policy", containsString("camera=()")))
				.andExpect(header().string("Cache-Control", containsString("no-store")))
				.andExpect(header().exists("X-Correlation-Id"));
		}
	}

	@Test
	void hstsIsSentOnlyOverHttps() throws Exception {
		this.mvc.perform(get("/login").secure(true))
			.andExpect(header().string("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"));
		this.mvc.perform(get("/login")).andExpect(header().doesNotExist("Strict-Transport-Security"));
	}

	@Test
	void postWithoutCsrfTokenIsForbiddenEvenWhenSignedIn() throws Exception {
		this.mvc.perform(post("/logout").with(oidcLogin())).andExpect(status().isForbidden());
		this.mvc.perform(post("/").with(oidcLogin())).andExpect(status().isForbidden());
	}

	@Test
	void logoutWithCsrfTokenSignsOut() throws Exception {
		this.mvc.perform(post("/logout").with(oidcLogin()).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?logout"));
	}

	@Test
	void onlyHealthAndInfoAreExposed() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().is(org.hamcrest.Matchers.oneOf(200, 503)));
		this.mvc.perform(get("/actuator/info")).andExpect(status().isOk());
		for (String endpoint : new String[] { "env", "beans", "configprops", "heapdump", "loggers", "mappings" }) {
			this.mvc.perform(get("/actuator/" + endpoint).with(oidcLogin()))
				.andExpect(status().is(org.hamcrest.Matchers.oneOf(403, 404)));
		}
	}

	@Test
	void healthHidesComponentsFromAnonymousCallers() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(content().string(not(containsString("gitlab"))))
			.andExpect(content().string(not(containsString("components"))));
	}

	@Test
	void aSessionOlderThanTwelveHoursEndsHoweverActiveItIs() {
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs("alice");
		assertThat(browser.get("/").status()).isEqualTo(200);
		String sessionId = new String(Base64.getDecoder().decode(browser.sessionCookie().orElseThrow()),
				StandardCharsets.US_ASCII);
		// the session was created 12 hours and a minute ago, and was used a moment ago
		long twelveHoursAndAMinute = Duration.ofHours(12).plusMinutes(1).toMillis();
		assertThat(this.jdbc.update("update spring_session set creation_time = creation_time - ? where session_id = ?",
				twelveHoursAndAMinute, sessionId))
			.isOne();

		PortalHttp.Response after = browser.get("/");

		assertThat(after.status()).isEqualTo(302);
		assertThat(after.location()).endsWith("/login");
		assertThat(this.jdbc.queryForObject("select count(*) from spring_session where session_id = ?", Long.class,
				sessionId))
			.as("the old session is gone from the store")
			.isZero();
	}

	@Test
	void notFoundPageIsGenericWithTheCorrelationIdOfTheRequest() {
		PortalHttp browser = new PortalHttp(this.port);
		browser.loginAs("alice");
		PortalHttp.Response notFound = browser.get("/no/such/page");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("X-Correlation-Id")).isNotBlank();
		assertThat(notFound.body())
			.contains("<title>Not found · Token Portal</title>", "There is nothing here",
					notFound.header("X-Correlation-Id"))
			.doesNotContain("Exception", "Whitelabel", "at dev.tokenportal");
		assertThat(notFound.header("Content-Security-Policy")).isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
	}

	@Test
	void incomingRequestIdIsKeptAsCorrelationId() throws Exception {
		this.mvc.perform(get("/login").header("X-Request-Id", "req-12345678"))
			.andExpect(header().string("X-Correlation-Id", "req-12345678"));
	}

	@Test
	void unsafeIncomingRequestIdIsReplaced() throws Exception {
		this.mvc.perform(get("/login").header("X-Request-Id", "evil\nForged-Log-Line"))
			.andExpect(header().string("X-Correlation-Id", not(containsString("evil"))));
	}

	@Test
	void corsIsClosed() throws Exception {
		this.mvc.perform(get("/login").header("Origin", "https://evil.example"))
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		this.mvc
			.perform(options("/logout").header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "POST"))
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		this.mvc.perform(get("/oauth2/authorization/gitlab"))
			.andExpect(status().isFound())
			.andExpect(header().string("Set-Cookie", containsString("HttpOnly")))
			.andExpect(header().string("Set-Cookie", containsString("SameSite=Lax")));
	}

}
