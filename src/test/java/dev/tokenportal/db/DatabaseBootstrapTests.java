package dev.tokenportal.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import dev.tokenportal.EmbeddedPostgres;
import dev.tokenportal.audit.AuditRightsAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code db/bootstrap.sql} as an operator runs it, on a real PostgreSQL: Flyway migrates
 * as the owner role, the portal runs as the runtime role, which reads and writes rows but
 * cannot change the schema.
 *
 * @author Token Portal team
 */
class DatabaseBootstrapTests {

	static final String DATABASE = "portal_bootstrap";

	/** A deployment that names its roles otherwise. */
	static final String NAMED_DATABASE = "portal_named_roles";

	static String jdbcUrl;

	static String namedJdbcUrl;

	@BeforeAll
	static void bootstrap() throws SQLException {
		io.zonky.test.db.postgres.embedded.EmbeddedPostgres cluster = EmbeddedPostgres.cluster();
		PsqlScript.read(Path.of("db", "bootstrap.sql"))
			.run((database) -> cluster.getJdbcUrl("postgres", database), "postgres",
					Map.of("db_name", DATABASE, "owner_password", "owner-pw", "app_password", "app-pw"));
		PsqlScript.read(Path.of("db", "bootstrap.sql"))
			.run((database) -> cluster.getJdbcUrl("postgres", database), "postgres",
					Map.of("db_name", NAMED_DATABASE, "owner_role", "tp_schema_owner", "runtime_role", "tp_runtime",
							"owner_password", "owner-pw", "app_password", "app-pw"));
		// no user in the URL: the datasource and Flyway each bring their own role
		jdbcUrl = "jdbc:postgresql://localhost:" + cluster.getPort() + "/" + DATABASE;
		namedJdbcUrl = "jdbc:postgresql://localhost:" + cluster.getPort() + "/" + NAMED_DATABASE;
	}

	private final ApplicationContextRunner portal = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + jdbcUrl, "spring.datasource.username=portal_app",
				"spring.datasource.password=app-pw", "spring.flyway.user=portal_owner",
				"spring.flyway.password=owner-pw", "spring.flyway.placeholders.runtime-role=portal_app");

	/**
	 * The portal's own application.yaml, with only the datasource and Flyway credentials
	 * given, as an operator who names the roles otherwise would.
	 */
	private final ApplicationContextRunner namedRolesPortal = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + namedJdbcUrl, "spring.datasource.username=tp_runtime",
				"spring.datasource.password=app-pw", "spring.flyway.user=tp_schema_owner",
				"spring.flyway.password=owner-pw");

	@Test
	void migrationsRunAsTheOwnerAndTheRuntimeRoleWorksWithRows() {
		this.portal.run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("portal_app");
			assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo("portal");
			assertThat(jdbc.queryForObject("select tableowner from pg_tables where tablename = 'portal_user'",
					String.class))
				.isEqualTo("portal_owner");
			jdbc.update("insert into portal_user (gitlab_user_id, username, name, first_login_at, last_login_at) "
					+ "values (42, 'zoe', 'Zoe', now(), now())");
			jdbc.update("update portal_user set name = 'Zoe Z' where gitlab_user_id = 42");
			assertThat(jdbc.queryForObject("select name from portal_user where gitlab_user_id = 42", String.class))
				.isEqualTo("Zoe Z");
			jdbc.update("delete from portal_user where gitlab_user_id = 42");
		});
	}

	@Test
	void runtimeRoleCanOnlyAppendToTheAuditTrail() {
		this.portal.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update(
					"insert into audit_event (seq, event_id, occurred_at, actor_username, action, outcome, details, "
							+ "prev_hash, hash, hash_alg) values (1, gen_random_uuid(), now(), 'system', 'audit.verified', "
							+ "'SUCCESS', '{}', repeat('0', 64), repeat('1', 64), 'hmac-sha256')");
			// since the chain is keyed, the database takes no event hashed without the
			// key
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> jdbc.update("insert into audit_event (seq, event_id, occurred_at, actor_username, "
						+ "action, outcome, details, prev_hash, hash) values (2, gen_random_uuid(), now(), 'system', "
						+ "'audit.verified', 'SUCCESS', '{}', repeat('1', 64), repeat('2', 64))"))
				.havingRootCause()
				.withMessageContaining("audit_event_keyed_from_now_on");
			for (String change : new String[] { "update audit_event set outcome = 'DENIED'", "delete from audit_event",
					"truncate audit_event" }) {
				assertThatExceptionOfType(Exception.class).as(change)
					.isThrownBy(() -> jdbc.execute(change))
					.havingRootCause()
					.withMessageContaining("permission denied");
			}
			assertThat(jdbc.queryForObject("select count(*) from audit_event", Integer.class)).isOne();
			jdbc.update("insert into audit_checkpoint (seq, hash, verified_at) values (1, repeat('1', 64), now())");
			assertAuditRowsCannotBeChangedOrRemoved(jdbc);
		});
	}

	@Test
	void runtimeRoleSealsAnAppendedLeafOnlyThroughTheSealFunction() {
		// the other database counts its audit rows
		this.namedRolesPortal.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Long id = jdbc.queryForObject(
					"insert into audit_event (event_id, occurred_at, actor_username, action, "
							+ "outcome, details, hash_alg, leaf_mac) values (gen_random_uuid(), now(), 'system', "
							+ "'audit.verified', 'SUCCESS', '{}', 'hmac-sha256', repeat('a', 64)) returning id",
					Long.class);
			long seq = jdbc.queryForObject("select coalesce(max(seq), 0) + 1 from audit_event", Long.class);
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> jdbc.update("update audit_event set seq = ? where id = ?", seq, id))
				.havingRootCause()
				.withMessageContaining("permission denied");
			assertThat(jdbc.queryForObject("select audit_seal(?, ?, ?, ?)", Integer.class, new Long[] { id },
					new Long[] { seq }, new String[] { "0".repeat(64) }, new String[] { "1".repeat(64) }))
				.isOne();
			assertThat(jdbc.queryForObject("select seq from audit_event where id = ?", Long.class, id)).isEqualTo(seq);
		});
	}

	@Test
	void runtimeRoleNamedOtherwiseCannotChangeOrRemoveAuditRowsEither() {
		this.namedRolesPortal.run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("tp_runtime");
			assertThat(jdbc.queryForObject("select tableowner from pg_tables where tablename = 'audit_event'",
					String.class))
				.isEqualTo("tp_schema_owner");
			assertAuditRowsCannotBeChangedOrRemoved(jdbc);
			assertThat(AuditRightsAccess.excessRights(jdbc)).as("the portal's own startup check").isEmpty();
		});
	}

	@Test
	void startupCheckNamesARuntimeRoleThatCanChangeAuditRows() {
		this.namedRolesPortal
			.withPropertyValues("spring.datasource.username=tp_schema_owner", "spring.datasource.password=owner-pw")
			.run((context) -> assertThat(AuditRightsAccess.excessRights(context.getBean(JdbcTemplate.class)))
				.hasValueSatisfying((problem) -> assertThat(problem).contains("\"tp_schema_owner\"", "audit_event")));
	}

	@Test
	void rightsRegainedThroughAGroupOrANewAuditTableAreTakenAwayAtTheNextStart() throws SQLException {
		this.namedRolesPortal.run((context) -> assertThat(context).hasNotFailed());
		// an operator grants too much through a group role, and a new audit table appears
		try (Connection superuser = DriverManager
			.getConnection(EmbeddedPostgres.cluster().getJdbcUrl("postgres", NAMED_DATABASE));
				Statement sql = superuser.createStatement()) {
			sql.execute("create role tp_writers");
			sql.execute("grant tp_writers to tp_runtime");
			sql.execute("grant update, delete, truncate on portal.audit_event, portal.audit_checkpoint to tp_writers");
			sql.execute("set role tp_schema_owner");
			sql.execute("create table portal.audit_extra (seq bigint)");
		}
		this.namedRolesPortal.run((context) -> {
			assertThat(context).hasNotFailed();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertAuditRowsCannotBeChangedOrRemoved(jdbc);
			jdbc.update("insert into audit_extra (seq) values (1)");
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> jdbc.execute("delete from audit_extra"))
				.havingRootCause()
				.withMessageContaining("permission denied for table audit_extra");
		});
	}

	private static void assertAuditRowsCannotBeChangedOrRemoved(JdbcTemplate jdbc) {
		for (String table : new String[] { "audit_event", "audit_checkpoint" }) {
			for (String change : new String[] { "update " + table + " set seq = seq", "delete from " + table,
					"truncate " + table }) {
				// refused by privilege (not only by a trigger), whether rows exist or not
				assertThatExceptionOfType(Exception.class).as(change)
					.isThrownBy(() -> jdbc.execute(change))
					.havingRootCause()
					.isInstanceOfSatisfying(SQLException.class,
							(ex) -> assertThat(ex.getSQLState()).as(change).isEqualTo("42501"))
					.withMessageContaining("permission denied for table " + table);
			}
		}
	}

	@Test
	void runtimeRoleCannotChangeTheSchema() {
		this.portal.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> jdbc.execute("create table intruder (id int)"))
				.havingRootCause()
				.withMessageContaining("permission denied");
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> jdbc.execute("drop table portal_user"))
				.havingRootCause()
				.withMessageContaining("must be owner");
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> jdbc.execute("create table public.intruder (id int)"))
				.havingRootCause()
				.withMessageContaining("permission denied");
		});
	}

}
