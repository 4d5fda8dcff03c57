package dev.gitlabsandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One request the sandbox received, for assertions such as "exactly one create".
 *
 * @param method the HTTP method
 * @param path the raw path, for example {@code /api/v4/projects/platform%2Fbackend%2Fapi}
 * @param query the raw query string with secret values replaced by {@code [FILTERED]}
 * @param status the status sent, or the status of the action whose response was dropped
 * @param dropped whether the connection was closed instead of answering
 * @param params on {@code /api/v4}, the parameters of query and body as GitLab's API log
 * shows them: secrets, and a CI/CD variable's {@code value}, are {@code [FILTERED]};
 * empty elsewhere
 * @author Token Portal team
 */
public record RecordedCall(String method, String path, @Nullable String query, int status, boolean dropped,
		Map<String, String> params) {

	static final String FILTERED = "[FILTERED]";

	private static final Set<String> SECRET_NAMES = Set.of("private_token", "access_token", "refresh_token", "code",
			"code_verifier", "client_secret", "token", "password");

	private static final Pattern SECRET_PARAMS = Pattern
		.compile("(?i)(^|&)(private_token|access_token|refresh_token|code|code_verifier|client_secret|token)=[^&]*");

	/**
	 * The variables API logs the value as filtered ({@code route_setting :log_safety}).
	 */
	private static final Pattern VARIABLE_VALUE = Pattern.compile("(?i)(^|&)(value)=[^&]*");

	private static final Pattern VARIABLES_PATH = Pattern.compile("/api/v4/(projects|groups)/[^/]+/variables(/.*)?");

	/**
	 * A call without parameters, as recorded for paths outside {@code /api/v4}.
	 * @param method the HTTP method
	 * @param path the raw path
	 * @param query the filtered query string
	 * @param status the status
	 * @param dropped whether the connection was closed instead of answering
	 */
	public RecordedCall(String method, String path, @Nullable String query, int status, boolean dropped) {
		this(method, path, query, status, dropped, Map.of());
	}

	static RecordedCall of(String method, String path, @Nullable String rawQuery, int status, boolean dropped,
			@Nullable RequestParams params) {
		boolean variables = VARIABLES_PATH.matcher(path).matches();
		String query = null;
		if (rawQuery != null) {
			query = SECRET_PARAMS.matcher(rawQuery).replaceAll("$1$2=[FILTERED]");
			if (variables) {
				query = VARIABLE_VALUE.matcher(query).replaceAll("$1$2=[FILTERED]");
			}
		}
		Map<String, String> logged = new LinkedHashMap<>();
		if (params != null && path.startsWith("/api/v4/")) {
			params.names().forEach((name) -> {
				boolean secret = SECRET_NAMES.contains(name) || (variables && name.equals("value"));
				logged.put(name, secret ? FILTERED : String.valueOf(loggable(params.get(name))));
			});
		}
		return new RecordedCall(method, path, query, status, dropped, Collections.unmodifiableMap(logged));
	}

	private static @Nullable Object loggable(@Nullable Object value) {
		return (value instanceof List<?> list) ? String.join(",", list.stream().map(String::valueOf).toList()) : value;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "") + " -> "
				+ (this.dropped ? "dropped after " : "") + this.status;
	}

}
