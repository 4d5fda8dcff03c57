package dev.tokenportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Docker is simply absent (nothing names a Docker host, no Docker socket is there)
 * the tests and {@code spring-boot:test-run} use the embedded PostgreSQL without
 * Testcontainers' ERROR line, which reads like a failure; where something says Docker
 * should be there, Testcontainers is asked as it is, so a broken Docker still says why.
 *
 * @author Token Portal team
 */
class DockerAvailabilityTests {

	@TempDir
	Path home;

	@Test
	void nothingNamesADockerHostSoDockerIsNotExpected() {
		assertThat(DockerAvailability.dockerExpected(Map.of(), this.home, List.of(this.home.resolve("docker.sock"))))
			.isFalse();
	}

	@Test
	void aDockerHostASocketOrTestcontainersSettingsSayDockerShouldBeThere() throws IOException {
		List<Path> sockets = List.of(this.home.resolve("docker.sock"));
		assertThat(DockerAvailability.dockerExpected(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), this.home, sockets))
			.isTrue();
		Files.writeString(this.home.resolve(".testcontainers.properties"), "docker.host=tcp://10.0.0.5:2375\n");
		assertThat(DockerAvailability.dockerExpected(Map.of(), this.home, sockets)).isTrue();
		Files.delete(this.home.resolve(".testcontainers.properties"));
		Files.createFile(sockets.get(0));
		assertThat(DockerAvailability.dockerExpected(Map.of(), this.home, sockets)).isTrue();
	}

	@Test
	void askingWhereDockerIsNotExpectedLogsNoError() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		root.addAppender(logged);
		try {
			DockerAvailability.ask(false);
		}
		finally {
			root.detachAppender(logged);
		}
		assertThat(logged.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
	}

}
