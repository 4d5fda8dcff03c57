package dev.tokenportal.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY text rows become JSON objects with the same values: COPY's escapes undone, JSON's
 * applied, nulls and numbers kept, UTF-8 passed through.
 *
 * @author Token Portal team
 */
class JsonLinesFromCopyTests {

	@Test
	void rowWithEscapesNullsAndUnicodeBecomesTheSameValuesInJson() throws Exception {
		String copyRow = String.join("\t", "42", "0b1c", "2026-11-22T10:00:00.123456Z", "\\N", "zoë", "10.0.0.1",
				"agent \\\\ with \\t tab", "c-1", "request.submitted", "SUCCESS", "project", "11", "a/\"quoted\"/path",
				"\\N", "\\N", "\\N", "{\"k\":\"line\\\\nbreak\"}", "0".repeat(64), "f".repeat(64), "hmac-sha256")
				+ "\n";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonLinesFromCopy.ByteSink sink = new JsonLinesFromCopy.ByteSink(out);
		JsonLinesFromCopy.writeRow(copyRow.getBytes(StandardCharsets.UTF_8), sink);
		sink.flush();
		String line = out.toString(StandardCharsets.UTF_8);
		assertThat(line).endsWith("}\n");
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.propertyNames()).containsExactly(JsonLinesFromCopy.COLUMNS);
		assertThat(json.get("seq").isNumber()).isTrue();
		assertThat(json.get("seq").asLong()).isEqualTo(42);
		assertThat(json.get("actor_id").isNull()).isTrue();
		assertThat(json.get("actor_username").asString()).isEqualTo("zoë");
		assertThat(json.get("user_agent").asString()).isEqualTo("agent \\ with \t tab");
		assertThat(json.get("target_path").asString()).isEqualTo("a/\"quoted\"/path");
		assertThat(json.get("details").asString()).isEqualTo("{\"k\":\"line\\nbreak\"}");
		assertThat(json.get("hash").asString()).isEqualTo("f".repeat(64));
		assertThat(json.get("hash_alg").asString()).isEqualTo("hmac-sha256");
	}

}
