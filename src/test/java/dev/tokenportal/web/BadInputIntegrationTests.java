package dev.tokenportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is a 400 naming the problem, or a 404 for an id that cannot exist; never a
 * 500, never a bare "Something went wrong". Over HTTP as an auditor (dave), who may use
 * every page tried here.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests {

	private static final String HASH = "ab".repeat(32);

	private static final String NOT_A_UUID = "not-a-uuid";

	private static final Pattern PROBLEM = Pattern
		.compile("<p[^>]*class=\"(?:field-error|error-problem)\"[^>]*>([^<]*)<");

	@LocalServerPort
	int port;

	PortalHttp dave;

	String csrf;

	@BeforeAll
	void signInAsAuditor() {
		this.dave = new PortalHttp(this.port);
		this.dave.loginAs(SandboxSeed.DAVE);
		this.csrf = PortalHttp.csrfToken(this.dave.get("/audit").body());
	}

	static List<BadInput> cases() {
		String longText = "a".repeat(600);
		return List.of(
				// the audit search
				get("/audit?actor=%00", 400, "actor", "NUL"), get("/audit?target=x%00y", 400, "target", "NUL"),
				get("/audit?action=no.such-action", 400, "action"), get("/audit?action=%3Cscript%3E", 400, "action"),
				get("/audit?outcome=MAYBE", 400, "outcome"), get("/audit?request=" + NOT_A_UUID, 400, "request id"),
				get("/audit?token=abc", 400, "token id"), get("/audit?token=99999999999999999999", 400, "token id"),
				get("/audit?from=2026-13-45", 400, "from"), get("/audit?to=yesterday", 400, "to"),
				get("/audit?before=x", 400, "event number"), get("/audit?actor=" + longText, 400, "actor", "255"),
				get("/audit?target=" + longText, 400, "target", "512"),
				// both exports
				get("/audit/export.csv?actor=%00", 400, "actor", "NUL"),
				get("/audit/export.jsonl?target=%00", 400, "target", "NUL"),
				get("/audit/export.csv?from=31.01.2026", 400, "from"),
				get("/audit/export.jsonl?outcome=MAYBE", 400, "outcome"),
				get("/audit/export.csv?token=abc", 400, "token id"),
				get("/audit/export.jsonl?request=" + NOT_A_UUID, 400, "request id"),
				get("/audit/export.csv?action=no.such-action", 400, "action"),
				// events and the head check
				get("/audit/events/abc", 404), get("/audit/events/99999999999999999999", 404),
				get("/audit/events/987654321", 404),
				post("/audit/verify-head", Map.of("seq", "abc", "hash", HASH), 400, "seq"),
				post("/audit/verify-head", Map.of("seq", "1", "hash", "zz"), 400, "hash", "64"),
				post("/audit/verify-head", Map.of("hash", HASH), 400, "seq", "missing"),
				post("/audit/verify-head", Map.of("seq", "1"), 400, "hash", "missing"),
				post("/audit/verify-head", Map.of("seq", "1", "hash", HASH + "\0"), 400, "hash", "NUL"),
				// the inventory
				get("/inventory?state=bogus", 400, "status"), get("/inventory?page=x", 400, "page"),
				get("/inventory?page=-1", 400, "page"), get("/inventory?target=%00", 400, "target", "NUL"),
				get("/inventory?requester=%00", 400, "requester", "NUL"),
				get("/inventory?target=" + longText, 400, "target", "512"),
				get("/inventory/gitlab?path=%00", 400, "path", "NUL"),
				get("/inventory/gitlab?path=" + longText, 400, "path", "512"),
				// ids in paths
				get("/requests/" + NOT_A_UUID, 404), post("/requests/" + NOT_A_UUID + "/cancel", Map.of(), 404),
				get("/requests/" + NOT_A_UUID + "/rotate", 404), get("/requests/" + NOT_A_UUID + "/revoke", 404),
				post("/requests/" + NOT_A_UUID + "/create", Map.of(), 404),
				post("/requests/" + NOT_A_UUID + "/not-received", Map.of(), 404),
				post("/requests/" + NOT_A_UUID + "/reject", Map.of("reason", "no"), 404),
				// anywhere else
				get("/?projects=abc", 400, "projects"), get("/requests/new?q=%00", 400, "q", "NUL"));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void badInputIsA400NamingTheProblemOrA404(BadInput input) {
		PortalHttp.Response response = input.form() != null ? this.dave.post(input.path(), withCsrf(input.form()))
				: this.dave.get(input.path());

		assertThat(response.status()).as(input.path()).isEqualTo(input.status());
		if (input.status() == 404) {
			assertThat(response.body()).contains("There is nothing here");
			return;
		}
		List<String> problems = problems(response.body());
		assertThat(problems).as("what the page says is wrong").isNotEmpty();
		assertThat(problems).anySatisfy((problem) -> {
			for (String mention : input.mentions()) {
				assertThat(problem).containsIgnoringCase(mention);
			}
		});
	}

	private Map<String, String> withCsrf(Map<String, String> form) {
		Map<String, String> fields = new java.util.HashMap<>(form);
		fields.put("_csrf", this.csrf);
		return fields;
	}

	private static List<String> problems(String html) {
		List<String> problems = new ArrayList<>();
		Matcher matcher = PROBLEM.matcher(html);
		while (matcher.find()) {
			problems.add(HtmlUtils.htmlUnescape(matcher.group(1)));
		}
		return problems;
	}

	private static BadInput get(String path, int status, String... mentions) {
		return new BadInput(path, null, status, List.of(mentions));
	}

	private static BadInput post(String path, Map<String, String> form, int status, String... mentions) {
		return new BadInput(path, form, status, List.of(mentions));
	}

	record BadInput(String path, Map<String, String> form, int status, List<String> mentions) {

		@Override
		public String toString() {
			String shown = this.path.replaceAll("a{20,}", "a…");
			return ((this.form != null) ? "POST " + shown + " " + this.form.keySet() : "GET " + shown) + " → "
					+ this.status;
		}

	}

}
