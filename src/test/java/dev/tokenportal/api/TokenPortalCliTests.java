package dev.tokenportal.api;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxVariable;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code scripts/token-portal} run as a pipeline would, against the portal on a random
 * port and the GitLab sandbox: a GitLab personal access token alone submits a request,
 * waits for an Owner's approval made in the browser, and has the token delivered into a
 * CI/CD variable; then renews and revokes it. Skipped only where curl or jq is missing.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenPortalCliTests {

	static final Path SCRIPT = Path.of("scripts/token-portal");

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@BeforeAll
	static void needsCurlAndJq() {
		assumeTrue(onPath("curl") && onPath("jq"), "curl and jq are needed to run the CLI");
	}

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void requestWaitForTheOwnerCreateIntoAVariableRenewAndRevoke() throws Exception {
		String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
		Run requested = run(SandboxSeed.ALICE_TOKEN, "request", "--target", "project:" + SandboxSeed.WEB_ID, "--name",
				name, "--scopes", "read_api", "--level", "30", "--expires", LocalDate.now().plusDays(60).toString(),
				"--justification", "The release pipeline deploys the web front end");
		assertThat(requested.exit()).as(requested.toString()).isZero();
		String id = requested.out().strip();
		assertThat(requested.err()).contains("PENDING_APPROVAL (STANDARD)");
		assertThat(run(SandboxSeed.ALICE_TOKEN, "status", id).out().strip()).isEqualTo("PENDING_APPROVAL");

		Process waiting = start(SandboxSeed.ALICE_TOKEN, "wait", id, "--interval", "1", "--timeout", "120");
		PortalHttp bob = new PortalHttp(this.port);
		bob.loginAs("bob");
		String csrf = PortalHttp.csrfToken(bob.get("/requests/" + id).body());
		assertThat(bob.post("/requests/" + id + "/approve", Map.of("_csrf", csrf)).status()).isEqualTo(302);
		assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(waiting.exitValue()).isZero();
		assertThat(new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
			.isEqualTo("APPROVED");

		Run created = run(SandboxSeed.ALICE_TOKEN, "create", id, "--to-variable", "WEB_DEPLOY_TOKEN");
		assertThat(created.exit()).as(created.toString()).isZero();
		assertThat(created.out()).contains("delivered: token", SandboxSeed.WEB, "WEB_DEPLOY_TOKEN");
		SandboxVariable variable = this.sandbox.state()
			.variable(SandboxSeed.WEB, "WEB_DEPLOY_TOKEN", "*")
			.orElseThrow();
		assertThat(this.sandbox.issuedTokenValues()).contains(variable.value());
		assertThat(created.toString()).doesNotContain(variable.value());

		Run retried = run(SandboxSeed.ALICE_TOKEN, "create", id, "--to-variable", "WEB_DEPLOY_TOKEN");
		assertThat(retried.exit()).as(retried.toString()).isZero();
		assertThat(retried.out()).as("a retry says so")
			.startsWith("already delivered: token")
			.contains("WEB_DEPLOY_TOKEN", "no second token");

		Run renewed = run(SandboxSeed.ALICE_TOKEN, "renew", id);
		assertThat(renewed.exit()).as(renewed.toString()).isZero();
		assertThat(renewed.err()).contains("renewal needs approval");

		Run revoked = run(SandboxSeed.ALICE_TOKEN, "revoke", id, "--reason", "pipeline retired");
		assertThat(revoked.exit()).as(revoked.toString()).isZero();
		assertThat(run(SandboxSeed.ALICE_TOKEN, "status", id).out().strip()).isEqualTo("REVOKED");
	}

	@Test
	void aCreateNamingAnotherVariableThanTheApprovedOneIsRefusedAndNothingIsMade() throws Exception {
		Run requested = run(SandboxSeed.ALICE_TOKEN, "request", "--target", "project:" + SandboxSeed.WEB_ID, "--name",
				"cli-" + UUID.randomUUID().toString().substring(0, 8), "--scopes", "read_api", "--level", "30",
				"--expires", LocalDate.now().plusDays(60).toString(), "--justification",
				"The release pipeline deploys the web front end", "--variable", "WEB_APPROVED_TOKEN");
		assertThat(requested.exit()).as(requested.toString()).isZero();
		String id = requested.out().strip();
		PortalHttp bob = new PortalHttp(this.port);
		bob.loginAs("bob");
		String csrf = PortalHttp.csrfToken(bob.get("/requests/" + id).body());
		assertThat(bob.post("/requests/" + id + "/approve", Map.of("_csrf", csrf)).status()).isEqualTo(302);

		int made = this.sandbox.issuedTokenValues().size();

		Run elsewhere = run(SandboxSeed.ALICE_TOKEN, "create", id, "--to-variable", "SOMEWHERE_ELSE");

		assertThat(elsewhere.exit()).as(elsewhere.toString()).isEqualTo(1);
		assertThat(elsewhere.err()).contains("delivers into the CI/CD variable WEB_APPROVED_TOKEN", SandboxSeed.WEB,
				"Nothing was created");
		assertThat(this.sandbox.issuedTokenValues()).hasSize(made);
		assertThat(this.sandbox.state().variable(SandboxSeed.WEB, "SOMEWHERE_ELSE", "*")).isEmpty();
		assertThat(run(SandboxSeed.ALICE_TOKEN, "status", id).out().strip()).isEqualTo("APPROVED");

		Run created = run(SandboxSeed.ALICE_TOKEN, "create", id);
		assertThat(created.exit()).as(created.toString()).isZero();
		assertThat(created.out()).contains("delivered: token", "WEB_APPROVED_TOKEN");
	}

	@Test
	void refusalsArePrintedInThePortalsWordsWithAFailingExitCode() throws Exception {
		String repositoryOnly = this.sandbox.state()
			.createPersonalAccessToken(SandboxSeed.ALICE, List.of("read_repository"), null);
		Run refused = run(repositoryOnly, "tokens");
		assertThat(refused.exit()).isEqualTo(1);
		assertThat(refused.err()).contains("GitLab token lacks a scope", "read_api");

		Run invalid = run(SandboxSeed.ALICE_TOKEN, "request", "--target", "project:" + SandboxSeed.API_ID, "--scopes",
				"read_api", "--level", "20");
		assertThat(invalid.exit()).isEqualTo(1);
		assertThat(invalid.err()).contains("tokenName:", "justification:");
		assertThat(run(SandboxSeed.ALICE_TOKEN, "status", "../../etc").exit()).isEqualTo(2);
	}

	private Run run(String token, String... args) throws IOException, InterruptedException {
		Process process = start(token, args);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	private Process start(String token, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("TOKEN_PORTAL_URL", "http://localhost:" + this.port);
		builder.environment().put("TOKEN_PORTAL_GITLAB_TOKEN", token);
		return builder.start();
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, program))) {
				return true;
			}
		}
		return false;
	}

	record Run(int exit, String out, String err) {
	}

}
