package dev.tokenportal.issuance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.post;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code token_request} keeps for a status reason since V19: a message code and its
 * arguments, never the English sentence, which the request page builds from the bundle;
 * and rows written before keep showing their English.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class StatusReasonStorageIntegrationTests {

	private static final String CREATE_CALLS = "/api/v4/projects/*/access_tokens";

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void aRefusedCreateStoresACodeWithArgumentsAndThePageSaysTheSentence() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).respond(403, "{\"message\":\"403 Forbidden\"}").times(1);
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(post(alice, request.getId(), "create").status()).isEqualTo(302);

		Map<String, Object> row = reasonRow(request);
		assertThat(row.get("status_reason_code")).isEqualTo("issuance.refusal.accessDenied");
		assertThat(args(row)).containsExactly("403", SandboxSeed.API);
		assertThat(row.get("status_reason")).as("no English sentence in the database").isNull();
		assertThat(alice.get("/requests/" + request.getId()).body())
			.contains("What must change: GitLab refused the portal&#39;s service account (HTTP 403): its credential "
					+ "is invalid, has expired or lacks the api scope, or it lacks the rights to manage access tokens "
					+ "in " + SandboxSeed.API + ". Nothing was created.");
	}

	@Test
	void aLostAnswerStoresACodeWithoutTheClientsEnglishAndBothPagesSayTheSentence() {
		TokenRequest request = approvedApiRequest(this.requests);
		this.sandbox.faults().on("POST", CREATE_CALLS).dropConnectionAfterAction().times(1);
		// reconciliation cannot ask GitLab either: the request stays ISSUE_UNKNOWN
		this.sandbox.faults().on("GET", CREATE_CALLS).respond(500, "{\"message\":\"500 Internal Server Error\"}");
		PortalHttp alice = signedIn(this.port, "alice");

		PortalHttp.Response lost = post(alice, request.getId(), "create");

		assertThat(lost.status()).isEqualTo(502);
		assertThat(lost.body())
			.contains("GitLab&#39;s answer was lost on the way and GitLab cannot be asked right now. "
					+ "The portal will check GitLab and revoke any token it made for this request; then you can press "
					+ "Create token again.");
		Map<String, Object> row = reasonRow(request);
		assertThat(row.get("status_reason_code")).isEqualTo("issuance.reason.answerLost.lost");
		assertThat(args(row)).as("no English sentence as an argument either").isEmpty();
		assertThat(row.get("status_reason")).isNull();
		assertThat(alice.get("/requests/" + request.getId()).body())
			.contains("GitLab&#39;s answer to creating the token was lost on the way, so it may or may not have made "
					+ "it. The portal is checking GitLab and revokes any token it made (nobody saw its value).");
	}

	@Test
	void aRowWrittenBeforeCodesStillShowsItsEnglishAsItWasWritten() {
		TokenRequest request = approvedApiRequest(this.requests);
		// what V19 found on rows written before it: the sentence, no code; an apostrophe
		// and braces that MessageFormat would mangle
		this.jdbc.update(
				"UPDATE token_request SET status_reason = ?, status_reason_code = NULL, "
						+ "status_reason_args = NULL WHERE id = ?",
				"GitLab's answer was lost {0}; press again", request.getId());
		PortalHttp alice = signedIn(this.port, "alice");

		assertThat(alice.get("/requests/" + request.getId()).body())
			.contains("Reason: GitLab&#39;s answer was lost {0}; press again");
	}

	private Map<String, Object> reasonRow(TokenRequest request) {
		return this.jdbc.queryForMap(
				"SELECT status_reason, status_reason_code, status_reason_args FROM token_request WHERE id = ?",
				request.getId());
	}

	private static List<String> args(Map<String, Object> row) throws IllegalStateException {
		try {
			return Arrays.asList((String[]) ((java.sql.Array) row.get("status_reason_args")).getArray());
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
