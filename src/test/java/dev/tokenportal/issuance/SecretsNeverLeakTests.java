package dev.tokenportal.issuance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class (see {@code junit-platform.properties}): no token
 * value the GitLab sandbox handed out during the whole suite is anywhere in the database
 * (every row of every table, session attributes decoded) or in the portal's log.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@Order(Integer.MAX_VALUE)
class SecretsNeverLeakTests {

	private static final Path LOG = Path.of("target/test-logs/portal.log");

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noIssuedTokenValueIsInTheDatabaseOrTheLogs() throws IOException {
		List<String> values = GitLabSandboxConfiguration.sharedSandbox().issuedTokenValues();
		assertThat(values).as("tokens issued during the suite (run the whole suite)").isNotEmpty();
		String database = IssuanceTestSupport.dumpDatabase(this.jdbc);
		assertThat(LOG).exists();
		String logs = Files.readString(LOG, StandardCharsets.UTF_8);
		assertThat(logs).as("the log has this run's lines").contains("token-portal");
		for (String value : values) {
			assertThat(database).as("the database holds no token value").doesNotContain(value);
			assertThat(logs).as("the logs hold no token value").doesNotContain(value);
		}
	}

	@Test
	void noUsersGitLabSignInIsReadableInTheDatabaseOrTheLogs() throws IOException {
		List<String> credentials = GitLabSandboxConfiguration.sharedSandbox().issuedOAuthTokenValues();
		assertThat(credentials).as("sign-ins during the suite (run the whole suite)").isNotEmpty();
		String database = IssuanceTestSupport.dumpDatabase(this.jdbc);
		String logs = Files.readString(LOG, StandardCharsets.UTF_8);
		for (String credential : credentials) {
			assertThat(database).as("sessions keep GitLab tokens only encrypted").doesNotContain(credential);
			assertThat(logs).as("the logs hold no GitLab token").doesNotContain(credential);
		}
	}

}
