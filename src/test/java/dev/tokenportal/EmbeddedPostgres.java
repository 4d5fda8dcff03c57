package dev.tokenportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;

/**
 * One embedded PostgreSQL cluster per JVM (Zonky), with a fresh database for each Spring
 * context that asks, so that cached contexts never share state. The cluster stops with
 * the JVM, leaving no PostgreSQL process behind. Tests put it in a new temporary
 * directory; {@code spring-boot:test-run} keeps it in {@code target/test-run-postgres}
 * ({@link #keepIn}), so that a run killed before it could stop its PostgreSQL (kill -9, a
 * closed terminal) leaves it where the next run finds it and stops it.
 *
 * @author Token Portal team
 */
public final class EmbeddedPostgres {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

	/** Zonky's lock in the data directory, held by the JVM that runs the cluster. */
	private static final String LOCK = "epg-lock";

	/** PostgreSQL's own: its process id, then its data directory, port, … */
	private static final String POSTMASTER_PID = "postmaster.pid";

	/** How long a leftover PostgreSQL gets to shut down before it is killed. */
	private static final Duration SHUTDOWN = Duration.ofSeconds(15);

	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres cluster;

	private static Path dataDirectory;

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private EmbeddedPostgres() {
	}

	/**
	 * Keeps the cluster in this directory instead of a new temporary one; set before the
	 * first use.
	 * @param directory the data directory, thrown away and made anew at each start
	 */
	public static synchronized void keepIn(Path directory) {
		dataDirectory = directory.toAbsolutePath().normalize();
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
			cluster = (dataDirectory != null) ? startIn(dataDirectory) : start(null);
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

	/**
	 * Starts a cluster in a data directory of its own, after stopping a PostgreSQL that
	 * an earlier run left there, and throwing away its data.
	 * @param directory the data directory
	 * @return the cluster, which its caller closes
	 * @throws IllegalStateException when a live process still runs that directory's
	 * cluster (another test-run)
	 */
	static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startIn(Path directory) {
		stopLeftover(directory);
		deleteRecursively(directory);
		return start(directory);
	}

	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start(Path directory) {
		try {
			io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
				.builder()
				.setRegisterShutdownHook(false);
			if (directory != null) {
				builder.setDataDirectory(directory).setCleanDataDirectory(true);
			}
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
		}
	}

	/**
	 * Stops the PostgreSQL an earlier run left in a data directory: one whose JVM died
	 * without stopping it. A cluster whose JVM still runs (it holds the directory's lock)
	 * is left alone.
	 * @param directory the data directory
	 */
	static void stopLeftover(Path directory) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		requireNoLiveOwner(directory);
		Optional<ProcessHandle> postmaster = postmaster(directory);
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle process = postmaster.get();
		logger.warn("Stopping the embedded PostgreSQL (process {}) that an earlier run left in {}", process.pid(),
				directory);
		List<ProcessHandle> children = process.children().toList();
		// SIGTERM: PostgreSQL's smart shutdown, quick now that its clients are gone
		process.destroy();
		if (!exited(process, SHUTDOWN)) {
			process.destroyForcibly();
			children.forEach(ProcessHandle::destroyForcibly);
			if (!exited(process, SHUTDOWN)) {
				throw new IllegalStateException("Could not stop the embedded PostgreSQL (process " + process.pid()
						+ ") left in " + directory + "; stop it by hand");
			}
		}
	}

	private static void requireNoLiveOwner(Path directory) {
		Path lock = directory.resolve(LOCK);
		if (!Files.exists(lock)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
			FileLock held = channel.tryLock();
			if (held == null) {
				throw stillRunning(directory);
			}
			held.release();
		}
		catch (OverlappingFileLockException ex) {
			throw stillRunning(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not check " + lock, ex);
		}
	}

	private static IllegalStateException stillRunning(Path directory) {
		return new IllegalStateException("Another run still uses the embedded PostgreSQL in " + directory
				+ " (spring-boot:test-run is already running?); stop it first");
	}

	/**
	 * The PostgreSQL process that {@code postmaster.pid} names, if it runs and is this
	 * directory's.
	 */
	private static Optional<ProcessHandle> postmaster(Path directory) {
		Path pidFile = directory.resolve(POSTMASTER_PID);
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(pidFile);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (lines.size() < 2 || !lines.get(0).strip().matches("[0-9]{1,10}")) {
			return Optional.empty();
		}
		boolean ours = sameDirectory(Path.of(lines.get(1).strip()), directory);
		return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
			.filter(ProcessHandle::isAlive)
			// a process id the system gave to something else since is not ours to stop
			.filter((process) -> ours && process.info().command().map((c) -> c.contains("postgres")).orElse(true));
	}

	private static boolean sameDirectory(Path one, Path other) {
		try {
			return one.toRealPath().equals(other.toRealPath());
		}
		catch (IOException ex) {
			return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
		}
	}

	private static boolean exited(ProcessHandle process, Duration within) {
		try {
			process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> all = Files.walk(directory)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not throw away the old data in " + directory, ex);
		}
	}

}
