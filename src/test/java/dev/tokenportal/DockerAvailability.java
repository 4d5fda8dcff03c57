package dev.tokenportal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether tests can use Docker. {@code -Dportal.test.db=embedded|docker} (or
 * {@code PORTAL_TEST_DB}) forces a branch; otherwise Testcontainers is asked once per
 * JVM. Where nothing says Docker should be there (no {@code DOCKER_HOST}, no
 * Testcontainers settings, none of the usual sockets) Docker is simply absent: then
 * Testcontainers is asked with its logging off, so that its ERROR line (which reads like
 * a failure) does not appear, and one INFO line says the embedded PostgreSQL is used.
 * Where something says Docker should be there, Testcontainers speaks as usual, so a
 * broken Docker says why.
 *
 * @author Token Portal team
 */
public final class DockerAvailability {

	private static final org.slf4j.Logger logger = LoggerFactory.getLogger(DockerAvailability.class);

	private static volatile Boolean available;

	private DockerAvailability() {
	}

	public static boolean isAvailable() {
		Boolean known = available;
		if (known == null) {
			known = detect();
			available = known;
		}
		return known;
	}

	private static boolean detect() {
		String forced = System.getProperty("portal.test.db", System.getenv().getOrDefault("PORTAL_TEST_DB", ""));
		if ("embedded".equalsIgnoreCase(forced)) {
			return false;
		}
		if ("docker".equalsIgnoreCase(forced)) {
			return true;
		}
		Path home = Path.of(System.getProperty("user.home"));
		return ask(dockerExpected(System.getenv(), home, usualSockets(System.getenv(), home)));
	}

	/**
	 * Asks Testcontainers whether Docker answers.
	 * @param expected whether something says Docker should be there; if not, asked
	 * without Testcontainers' logging
	 * @return whether Docker answers
	 */
	static boolean ask(boolean expected) {
		if (expected) {
			return dockerAnswers();
		}
		Logger testcontainers = (Logger) LoggerFactory.getLogger("org.testcontainers");
		Level level = testcontainers.getLevel();
		testcontainers.setLevel(Level.OFF);
		boolean answers;
		try {
			answers = dockerAnswers();
		}
		finally {
			testcontainers.setLevel(level);
		}
		if (!answers) {
			logger.info("No Docker here (no DOCKER_HOST, no Docker socket): using an embedded PostgreSQL");
		}
		return answers;
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Whether anything says Docker should be there: a Docker host named in the
	 * environment or in Testcontainers' settings, or a Docker socket.
	 * @param env the environment
	 * @param home the user's home directory
	 * @param sockets where Docker's socket usually is
	 * @return {@code true} when Docker is expected
	 */
	static boolean dockerExpected(Map<String, String> env, Path home, List<Path> sockets) {
		if (env.containsKey("DOCKER_HOST") || env.containsKey("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")
				|| env.containsKey("DOCKER_CONTEXT") || System.getProperty("os.name", "").startsWith("Windows")) {
			return true;
		}
		Path settings = home.resolve(".testcontainers.properties");
		if (Files.isRegularFile(settings)) {
			Properties properties = new Properties();
			try (Reader reader = Files.newBufferedReader(settings)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				return true;
			}
			if (properties.containsKey("docker.host") || properties.containsKey("docker.client.strategy")) {
				return true;
			}
		}
		return sockets.stream().anyMatch(Files::exists);
	}

	private static List<Path> usualSockets(Map<String, String> env, Path home) {
		List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
				home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
				home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
		String runtime = env.get("XDG_RUNTIME_DIR");
		if (runtime != null) {
			sockets.add(Path.of(runtime, "docker.sock"));
			sockets.add(Path.of(runtime, "podman/podman.sock"));
		}
		return sockets;
	}

	/**
	 * Matches when Docker is available.
	 */
	public static class OnDocker implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isAvailable();
		}

	}

	/**
	 * Matches when Docker is not available.
	 */
	public static class OnNoDocker implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isAvailable();
		}

	}

}
