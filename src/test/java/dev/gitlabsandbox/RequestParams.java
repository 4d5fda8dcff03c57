package dev.gitlabsandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Request parameters as Grape sees them: query string merged with a JSON or form body. A
 * value is a {@code String}, a {@code List<String>} ({@code scopes[]=a&scopes[]=b} or a
 * JSON array), a JSON number or boolean, or {@code null} for JSON null.
 *
 * @author Token Portal team
 */
final class RequestParams {

	private final Map<String, @Nullable Object> values;

	private RequestParams(Map<String, @Nullable Object> values) {
		this.values = values;
	}

	static RequestParams parse(@Nullable String rawQuery, @Nullable String contentType, byte[] body) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		parseForm(rawQuery, values);
		String type = (contentType != null) ? contentType.toLowerCase() : "";
		if (type.startsWith("application/json") && body.length > 0) {
			parseJson(body, values);
		}
		else if (type.startsWith("application/x-www-form-urlencoded")) {
			parseForm(new String(body, StandardCharsets.UTF_8), values);
		}
		return new RequestParams(values);
	}

	/**
	 * Decode a query string or form body into a map (first value wins for plain keys).
	 * @param encoded the encoded pairs
	 * @return the decoded values
	 */
	static Map<String, String> decodeForm(@Nullable String encoded) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		parseForm(encoded, values);
		Map<String, String> strings = new LinkedHashMap<>();
		values.forEach((name, value) -> {
			if (value instanceof String string) {
				strings.put(name, string);
			}
		});
		return strings;
	}

	/**
	 * The names of the parameters given, in order (query first, then body).
	 * @return the names
	 */
	Set<String> names() {
		return Collections.unmodifiableSet(this.values.keySet());
	}

	boolean has(String name) {
		return this.values.containsKey(name) && this.values.get(name) != null;
	}

	@Nullable Object get(String name) {
		return this.values.get(name);
	}

	@Nullable String string(String name) {
		Object value = this.values.get(name);
		return (value instanceof String || value instanceof Number || value instanceof Boolean) ? value.toString()
				: null;
	}

	private static void parseForm(@Nullable String encoded, Map<String, @Nullable Object> values) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			String name = decode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : decode(pair.substring(eq + 1));
			if (name.endsWith("[]")) {
				list(values, name.substring(0, name.length() - 2)).add(value);
			}
			else if (!name.isEmpty()) {
				values.put(name, value);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Map<String, @Nullable Object> values, String name) {
		Object existing = values.get(name);
		if (existing instanceof List<?> list) {
			return (List<String>) list;
		}
		List<String> list = new ArrayList<>();
		values.put(name, list);
		return list;
	}

	private static void parseJson(byte[] body, Map<String, @Nullable Object> values) {
		JsonNode root;
		try {
			root = Json.read(body);
		}
		catch (JacksonException ex) {
			throw GitLabErrors.validation(List.of("message body does not match declared format"));
		}
		if (!root.isObject()) {
			throw GitLabErrors.validation(List.of("message body does not match declared format"));
		}
		root.properties().forEach((entry) -> values.put(entry.getKey(), scalarOrList(entry.getValue())));
	}

	private static @Nullable Object scalarOrList(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isArray()) {
			List<String> list = new ArrayList<>();
			node.forEach((element) -> list.add(element.isString() ? element.asString() : element.toString()));
			return list;
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.isString() ? node.asString() : node;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
