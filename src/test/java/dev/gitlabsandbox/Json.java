package dev.gitlabsandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper: snake_case properties, as GitLab writes them.
 *
 * @author Token Portal team
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private Json() {
	}

	static byte[] write(Object value) {
		return MAPPER.writeValueAsBytes(value);
	}

	static JsonNode read(byte[] body) {
		return MAPPER.readTree(body);
	}

}
