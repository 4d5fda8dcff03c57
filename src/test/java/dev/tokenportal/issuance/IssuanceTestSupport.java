package dev.tokenportal.issuance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the issuance tests share: approved requests made through the real service, signed
 * in browsers, presses with the page's CSRF token, and a text dump of the whole database.
 *
 * @author Token Portal team
 */
public final class IssuanceTestSupport {

	public static final CurrentUser ALICE = new CurrentUser(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer",
			null, Set.of(PortalRole.USER));

	private IssuanceTestSupport() {
	}

	/**
	 * A request of alice's, submitted through the real service (so through GitLab's
	 * membership check and the policy).
	 */
	public static TokenRequest submit(TokenRequestService requests, GitLabResource type, long targetId,
			List<String> scopes, int accessLevel, int days) {
		LocalDate expiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(days);
		return requests.submit(new NewTokenRequest(type, targetId, "ci-reader", "Reads the API from CI", scopes,
				accessLevel, expiresOn, "Our CI pipeline reads package metadata", null), ALICE);
	}

	/**
	 * The low-tier request of the brief: alice on platform/backend/api, read_api,
	 * Reporter, 30 days; approved at once.
	 */
	public static TokenRequest approvedApiRequest(TokenRequestService requests) {
		return submit(requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"), 20, 30);
	}

	public static PortalHttp signedIn(int port, String username) {
		PortalHttp browser = new PortalHttp(port);
		browser.loginAs(username);
		return browser;
	}

	public static String csrf(PortalHttp browser) {
		PortalHttp.Response home = browser.get("/");
		assertThat(home.status()).isEqualTo(200);
		return PortalHttp.csrfToken(home.body());
	}

	public static PortalHttp.Response post(PortalHttp browser, UUID id, String action) {
		return browser.post("/requests/" + id + "/" + action, Map.of("_csrf", csrf(browser)));
	}

	/**
	 * The value in the page that shows a new token.
	 */
	public static String valueIn(String html) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("id=\"token-value\"[^>]*value=\"([^\"]+)\"")
			.matcher(html);
		assertThat(matcher.find()).as("the page shows a token value").isTrue();
		return matcher.group(1);
	}

	/**
	 * Every row of every table as text, and every binary column (session attributes
	 * included) decoded as text: what an attacker with a database dump would read.
	 * @param jdbc the portal's database
	 * @return the dump
	 */
	public static String dumpDatabase(JdbcTemplate jdbc) {
		StringBuilder dump = new StringBuilder();
		List<String> tables = jdbc.queryForList("select table_name from information_schema.tables "
				+ "where table_schema = current_schema() and table_type = 'BASE TABLE'", String.class);
		assertThat(tables).as("tables to scan").contains("token_request", "audit_event", "spring_session_attributes");
		for (String table : tables) {
			jdbc.query("select t::text from " + quote(table) + " t",
					(RowCallbackHandler) (rs) -> dump.append(table).append(": ").append(rs.getString(1)).append('\n'));
		}
		List<Map<String, Object>> binary = jdbc.queryForList("select table_name, column_name from "
				+ "information_schema.columns where table_schema = current_schema() and data_type = 'bytea'");
		assertThat(binary).as("binary columns to decode").isNotEmpty();
		for (Map<String, Object> column : binary) {
			String sql = "select " + quote((String) column.get("column_name")) + " from "
					+ quote((String) column.get("table_name"));
			jdbc.query(sql, (RowCallbackHandler) (rs) -> {
				byte[] bytes = rs.getBytes(1);
				if (bytes != null) {
					dump.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
					dump.append(new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
				}
			});
		}
		return dump.toString();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
