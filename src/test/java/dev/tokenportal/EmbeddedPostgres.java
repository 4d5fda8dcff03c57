package dev.tokenportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;

/**
 * One embedded PostgreSQL cluster per JVM (Zonky), with a fresh database for each Spring
 * context that asks, so that cached contexts never share state. The cluster stops with
 * the JVM, leaving no PostgreSQL process behind.
 *
 * @author Token Portal team
 */
public final class EmbeddedPostgres {

	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres cluster;

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private EmbeddedPostgres() {
	}

	/**
	 * Creates a new, empty database on the shared cluster.
	 * @param prefix a readable prefix for the database name
	 * @return its JDBC URL (user {@code postgres}, password {@code postgres})
	 */
	public static String newDatabase(String prefix) {
		io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = cluster();
		String name = prefix + "_" + DATABASES.incrementAndGet();
		try (Connection connection = pg.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		return pg.getJdbcUrl("postgres", name);
	}

	/**
	 * The shared cluster, started on first use.
	 * @return the cluster
	 */
	public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres cluster() {
		if (cluster == null) {
			try {
				cluster = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
					.setRegisterShutdownHook(false)
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
			io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = cluster;
			// after every cached application context has closed: stopped any earlier, a
			// closing context still asks for a connection and waits out Hikari's 30 s
			// timeout, until Surefire kills the JVM
			SpringApplication.getShutdownHandlers().add(() -> {
				try {
					started.close();
				}
				catch (IOException ignored) {
					// the JVM is going away; nothing left to tell anyone
				}
			});
		}
		return cluster;
	}

}
