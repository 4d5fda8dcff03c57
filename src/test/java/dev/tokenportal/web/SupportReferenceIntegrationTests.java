package dev.tokenportal.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference an error page shows is in the log line of that error, so that support can
 * find what happened from what a person quotes: refusals and pages that do not exist at
 * WARN or INFO with the status and the path, failures at ERROR with the stack trace.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SupportReferenceIntegrationTests {

	private static final Pattern REFERENCE = Pattern.compile("<code id=\"correlation-id\">([^<]+)</code>");

	@LocalServerPort
	int port;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp alice;

	@BeforeEach
	void signIn() {
		this.alice = new PortalHttp(this.port);
		this.alice.loginAs(SandboxSeed.ALICE);
	}

	@AfterEach
	void trailTakesEventsAgain() {
		this.jdbc.execute("drop trigger if exists support_reference_refuse on audit_event");
		this.jdbc.execute("drop function if exists support_reference_refuse()");
	}

	@Test
	void aPageThatDoesNotExistLogsItsReferenceWithStatusAndPath(CapturedOutput output) {
		PortalHttp.Response response = this.alice.get("/no-such-page");

		assertThat(response.status()).isEqualTo(404);
		String line = lineWith(output, reference(response), 404);
		assertThat(line).containsAnyOf(" INFO ", " WARN ").contains("/no-such-page");
	}

	@Test
	void aRefusalLogsItsReferenceWithStatusAndPath(CapturedOutput output) {
		PortalHttp.Response response = this.alice.get("/audit");

		assertThat(response.status()).isEqualTo(403);
		String line = lineWith(output, reference(response), 403);
		assertThat(line).contains(" WARN ", "/audit");
	}

	@Test
	void aFailureLogsItsReferenceAtErrorWithTheStackTrace(CapturedOutput output) {
		TokenRequest request = IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("write_repository"), 30, 30);
		String page = this.alice.get("/requests/" + request.getId()).body();
		// a full disk or a lost grant, as the fail-closed tests do it: the cancel fails
		this.jdbc.execute("create or replace function support_reference_refuse() returns trigger language plpgsql "
				+ "as $$ begin raise exception 'the trail cannot take it (test)'; end $$");
		this.jdbc.execute("create trigger support_reference_refuse before insert on audit_event for each row "
				+ "when (new.action = 'request.cancelled') execute function support_reference_refuse()");

		PortalHttp.Response response = this.alice.post("/requests/" + request.getId() + "/cancel",
				Map.of("_csrf", PortalHttp.csrfToken(page)));

		assertThat(response.status()).isEqualTo(500);
		String reference = reference(response);
		String line = lineWith(output, reference, 500);
		assertThat(line).contains(" ERROR ", "/requests/" + request.getId() + "/cancel");
		String after = output.getOut().substring(output.getOut().indexOf(line));
		assertThat(after).as("the stack trace follows the line").contains("the trail cannot take it (test)", "\tat ");
		assertThat(response.body()).doesNotContain("the trail cannot take it", "\tat ");
	}

	private static String reference(PortalHttp.Response response) {
		Matcher matcher = REFERENCE.matcher(response.body());
		assertThat(matcher.find()).as("the page shows a reference").isTrue();
		assertThat(response.header("X-Correlation-Id")).isEqualTo(matcher.group(1));
		return matcher.group(1);
	}

	/**
	 * The one log line of the error: the line that names the reference and the status.
	 */
	private static String lineWith(CapturedOutput output, String reference, int status) {
		List<String> lines = Arrays.stream(output.getOut().split("\\R"))
			.filter((line) -> line.contains(reference) && line.contains(" " + status))
			.toList();
		assertThat(lines).as("log lines naming reference %s and status %s", reference, status).hasSize(1);
		return lines.get(0);
	}

}
