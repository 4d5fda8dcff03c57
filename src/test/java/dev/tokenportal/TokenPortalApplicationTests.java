package dev.tokenportal;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal starts, migrates its schema and serves while GitLab is unreachable; health
 * says so, without details to anonymous callers.
 *
 * @author Token Portal team
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.gitlab.url=http://127.0.0.1:9", "portal.gitlab.client-id=portal",
				"portal.gitlab.client-secret=unused-secret", "portal.gitlab.service-token=unused-token",
				"portal.gitlab.retry.max-attempts=1" })
@AutoConfigureTestRestTemplate
@Import(TestcontainersConfiguration.class)
class TokenPortalApplicationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void flywayCreatesTheSchemaHibernateValidates() {
		List<String> tables = this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = current_schema() order by 1",
				String.class);
		assertThat(tables).contains("portal_user", "spring_session", "spring_session_attributes",
				"flyway_schema_history");
	}

	@Test
	void healthIsDownWhileGitLabIsUnreachableAndHidesDetailsFromAnonymousCallers() {
		ResponseEntity<String> health = this.http.getForEntity("/actuator/health", String.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(health.getBody()).contains("\"status\":\"DOWN\"").doesNotContain("gitlab", "127.0.0.1");
	}

	@Test
	void livenessAndReadinessStayUpWhileGitLabIsUnreachable() {
		assertThat(this.http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(this.http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void loginPageIsServedWhileGitLabIsUnreachable() {
		ResponseEntity<String> login = this.http.getForEntity("/login", String.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(login.getBody()).contains("Sign in with GitLab", "/oauth2/authorization/gitlab");
	}

}
