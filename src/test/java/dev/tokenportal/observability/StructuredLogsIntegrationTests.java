package dev.tokenportal.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured logs for a log pipeline: {@code PORTAL_LOG_FORMAT} switches the console to
 * JSON lines (Spring Boot's structured logging), and a line of a signed-in user's request
 * carries the correlation id (the reference error pages show), the request id and the
 * user, as fields a pipeline can search.
 * <p>
 * Logback is set up once per JVM, by the first test context, so the lines of a real
 * request are written here through Boot's own encoder for the format, as
 * {@code logging.structured.format.console} would have it write them.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class StructuredLogsIntegrationTests {

	private static final Pattern REFERENCE = Pattern.compile("<code id=\"correlation-id\">([^<]+)</code>");

	@LocalServerPort
	int port;

	@Test
	void portalLogFormatSwitchesTheConsoleToStructuredLogs() throws IOException {
		assertThat(consoleFormat(Map.of())).as("plain text unless asked").isEmpty();
		assertThat(consoleFormat(Map.of("PORTAL_LOG_FORMAT", "ecs"))).isEqualTo("ecs");
		assertThat(consoleFormat(Map.of("PORTAL_LOG_FORMAT", "logstash"))).isEqualTo("logstash");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash" })
	void aLineOfASignedInRequestCarriesTheReferenceTheRequestAndTheUser(String format) {
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs(SandboxSeed.ALICE);

		List<String> lines = new ArrayList<>();
		PortalHttp.Response response = logged(format, lines, () -> alice.get("/no-such-page"));

		assertThat(response.status()).isEqualTo(404);
		Matcher page = REFERENCE.matcher(response.body());
		assertThat(page.find()).isTrue();
		String reference = page.group(1);
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> ofTheRequest = lines.stream()
			.map(json::readTree)
			.filter((line) -> reference.equals(line.path("correlationId").asString(null)))
			.toList();
		assertThat(ofTheRequest).as("JSON lines of the request").isNotEmpty();
		JsonNode answered = ofTheRequest.stream()
			.filter((line) -> line.path("message").asString("").contains("answered 404"))
			.findFirst()
			.orElseThrow();
		assertThat(answered.path("requestId").asString("")).isNotBlank();
		assertThat(answered.path("userId").asString(null)).isEqualTo(Long.toString(SandboxSeed.ALICE_ID));
		assertThat(answered.path("username").asString(null)).isEqualTo(SandboxSeed.ALICE);
		assertThat(answered.toString()).doesNotContain(SandboxSeed.ALICE_TOKEN);
	}

	/**
	 * Runs an action with Boot's structured encoder for the format on the root logger,
	 * and collects the lines it wrote.
	 */
	private static <T> T logged(String format, List<String> lines, java.util.function.Supplier<T> action) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setFormat(format);
		encoder.setContext(context);
		encoder.start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(out);
		appender.start();
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(appender);
		try {
			return action.get();
		}
		finally {
			root.detachAppender(appender);
			appender.stop();
			for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
				if (!line.isBlank()) {
					lines.add(line);
				}
			}
		}
	}

	/**
	 * What {@code logging.structured.format.console} is with these environment variables.
	 */
	private static String consoleFormat(Map<String, Object> variables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("application.yaml",
				new ClassPathResource("application.yaml"))) {
			environment.getPropertySources().addLast(yaml);
		}
		return environment.getProperty("logging.structured.format.console");
	}

}
