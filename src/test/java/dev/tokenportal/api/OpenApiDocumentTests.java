package dev.tokenportal.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document: served to signed-in users, about {@code /api/v1} only, and kept
 * in step with the code by a snapshot of its paths and schemas. When the API changes on
 * purpose, update the snapshot with
 * {@code ./mvnw -o test -Dtest=OpenApiDocumentTests -Dopenapi.snapshot.update=true} and
 * review its diff.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class OpenApiDocumentTests {

	static final Path SNAPSHOT = Path.of("src/test/resources/openapi-snapshot.json");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private static final List<String> OPERATIONS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void documentAndSwaggerUiAreForSignedInUsersOnly() {
		PortalHttp anonymous = new PortalHttp(this.port);
		assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(302);
		assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(302);
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs("alice");
		assertThat(alice.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	@Test
	void documentDescribesEveryApiEndpointAndNothingElse() {
		JsonNode document = document();
		assertThat(document.get("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/v1/"))
			.contains("/api/v1/requests", "/api/v1/requests/preview", "/api/v1/requests/{id}",
					"/api/v1/requests/{id}/approvals", "/api/v1/requests/{id}/rejection",
					"/api/v1/requests/{id}/cancellation", "/api/v1/requests/{id}/token", "/api/v1/tokens",
					"/api/v1/tokens/{id}", "/api/v1/tokens/{id}/revocation", "/api/v1/tokens/{id}/renewal");
		assertThat(document.at("/components/securitySchemes/gitlab-token/scheme").asString()).isEqualTo("bearer");
		assertThat(document.at("/components/schemas/NewRequest/properties/target/example").asString())
			.isEqualTo("project:11");
	}

	@Test
	void everyHandlerUnderTheApiIsDocumentedWithItsMethod() {
		Set<String> handled = new TreeSet<>();
		this.handlers.getHandlerMethods().forEach((mapping, method) -> {
			for (String pattern : mapping.getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
					// a mapping without a method answers them all; it cannot be
					// documented so
					if (methods.isEmpty()) {
						handled.add("ANY " + pattern + " (" + method + ")");
					}
					methods.forEach((each) -> handled.add(each.name() + " " + pattern));
				}
			}
		});
		Set<String> documented = new TreeSet<>();
		JsonNode paths = document().get("paths");
		for (String path : paths.propertyNames()) {
			for (String operation : OPERATIONS) {
				if (paths.get(path).has(operation)) {
					documented.add(operation.toUpperCase(Locale.ROOT) + " " + path);
				}
			}
		}
		assertThat(handled).hasSizeGreaterThanOrEqualTo(12);
		assertThat(documented)
			.as("every endpoint under /api is in /v3/api-docs with its method (and the document has no others)")
			.containsExactlyInAnyOrderElementsOf(handled);
	}

	@Test
	void pathsAndSchemasMatchTheSnapshot() throws IOException {
		ObjectNode snapshot = JSON.createObjectNode();
		JsonNode document = document();
		snapshot.set("paths", document.get("paths"));
		snapshot.set("components", document.get("components"));
		String current = JSON.writeValueAsString(JSON.treeToValue(snapshot, Object.class)) + "\n";
		if (Boolean.getBoolean("openapi.snapshot.update")) {
			Files.writeString(SNAPSHOT, current, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(SNAPSHOT))
			.as("no snapshot at %s: run this test with -Dopenapi.snapshot.update=true", SNAPSHOT)
			.isTrue();
		assertThat(current)
			.as("the API's paths or schemas changed; if on purpose, run this test with "
					+ "-Dopenapi.snapshot.update=true and review the diff of %s", SNAPSHOT)
			.isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
	}

	private JsonNode document() {
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs("alice");
		PortalHttp.Response response = alice.get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
