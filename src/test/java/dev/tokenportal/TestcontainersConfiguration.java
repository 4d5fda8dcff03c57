package dev.tokenportal;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * A real PostgreSQL for tests and {@code spring-boot:test-run}: a Testcontainers
 * container when Docker is there, an embedded PostgreSQL otherwise. Either way Boot's
 * normal DataSource, Flyway and JPA auto-configuration connect to it.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailability.OnDocker.class)
	PostgreSQLContainer postgresContainer() {
		// the production major version
		return new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
	}

	@Bean
	@Conditional(DockerAvailability.OnNoDocker.class)
	JdbcConnectionDetails embeddedPostgresConnectionDetails() {
		String url = EmbeddedPostgres.newDatabase("portal");
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "postgres";
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

}
