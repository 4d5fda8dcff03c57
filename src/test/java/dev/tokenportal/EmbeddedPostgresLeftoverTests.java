package dev.tokenportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What {@code spring-boot:test-run} does with its embedded PostgreSQL when an earlier run
 * was killed (kill -9, a closed terminal) before it could stop it: the next run stops the
 * PostgreSQL left in {@code target/test-run-postgres} and starts afresh; a run that is
 * still alive keeps its PostgreSQL. Each run is a JVM of its own here, started from this
 * test's class path, as the Maven plugin starts one.
 *
 * @author Token Portal team
 */
class EmbeddedPostgresLeftoverTests {

	/**
	 * A run: its embedded PostgreSQL in the given directory, with demo data, until
	 * killed. Launched as a source file, so that the test classes hold no second
	 * {@code main} for {@code spring-boot:test-run} to choose from.
	 */
	private static final String RUN = """
			public class Run {
				public static void main(String[] args) throws Exception {
					dev.tokenportal.EmbeddedPostgres.keepIn(java.nio.file.Path.of(args[0]));
					System.out.println("READY " + dev.tokenportal.EmbeddedPostgres.newDatabase("demo"));
					System.out.flush();
					Thread.sleep(Long.MAX_VALUE);
				}
			}
			""";

	@TempDir
	Path target;

	private Process run;

	private ProcessHandle postmaster;

	@AfterEach
	void leaveNothingRunning() {
		if (this.run != null) {
			this.run.destroyForcibly();
		}
		if (this.postmaster != null && this.postmaster.isAlive()) {
			this.postmaster.destroyForcibly();
		}
	}

	@Test
	void aPostgresLeftByAKilledRunIsStoppedByTheNextRun() throws Exception {
		Path data = this.target.resolve("test-run-postgres");
		startRun(data);
		this.run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		assertThat(this.postmaster.isAlive()).as("the killed run's PostgreSQL is left running").isTrue();

		try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres next = EmbeddedPostgres.startIn(data)) {
			assertThat(this.postmaster.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
			try (Connection connection = next.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement
						.executeQuery("select count(*) from pg_database where datname like 'demo%'")) {
				rows.next();
				assertThat(rows.getInt(1)).as("the killed run's data is thrown away").isZero();
			}
			assertThat(pidOf(data)).isNotEqualTo(this.postmaster.pid());
		}
	}

	@Test
	void aRunThatIsStillAliveKeepsItsPostgres() throws Exception {
		Path data = this.target.resolve("test-run-postgres");
		startRun(data);

		assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgres.startIn(data))
			.withMessageContaining("already running");
		assertThat(this.postmaster.isAlive()).isTrue();
	}

	/**
	 * Starts a run's PostgreSQL in a JVM of its own, with a database of demo data, and
	 * waits until it is up.
	 */
	private void startRun(Path data) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path source = Files.writeString(this.target.resolve("Run.java"), RUN);
		Path log = this.target.resolve("run.log");
		this.run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), source.toString(),
				data.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!Files.readString(log).contains("READY") && this.run.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(Files.readString(log)).as("the run started its PostgreSQL").contains("READY");
		this.postmaster = ProcessHandle.of(pidOf(data)).orElseThrow();
	}

	private static long pidOf(Path data) throws IOException {
		List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
		return Long.parseLong(lines.get(0).strip());
	}

}
