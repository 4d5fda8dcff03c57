package dev.gitlabsandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.Headers;
import org.jspecify.annotations.Nullable;

/**
 * An incoming HTTP request, with the path variables of the matched route and, on
 * {@code /api/v4}, the authenticated caller.
 *
 * @author Token Portal team
 */
final class SandboxRequest {

	private final String method;

	private final String rawPath;

	private final @Nullable String rawQuery;

	private final Headers headers;

	private final byte[] body;

	private final String baseUrl;

	private Map<String, String> pathVariables = Map.of();

	private @Nullable Caller caller;

	private @Nullable RequestParams params;

	SandboxRequest(String method, String rawPath, @Nullable String rawQuery, Headers headers, byte[] body,
			String baseUrl) {
		this.method = method;
		this.rawPath = rawPath;
		this.rawQuery = rawQuery;
		this.headers = headers;
		this.body = body;
		this.baseUrl = baseUrl;
	}

	String method() {
		return this.method;
	}

	String rawPath() {
		return this.rawPath;
	}

	@Nullable String rawQuery() {
		return this.rawQuery;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	byte[] body() {
		return this.body;
	}

	@Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	void pathVariables(Map<String, String> variables) {
		this.pathVariables = variables;
	}

	/**
	 * A path variable, percent-decoded: {@code platform%2Fbackend} becomes
	 * {@code platform/backend}. A {@code +} stays a plus sign in a path.
	 * @param name the variable name
	 * @return the decoded value
	 */
	String pathVariable(String name) {
		return URLDecoder.decode(this.pathVariables.get(name).replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	void caller(Caller caller) {
		this.caller = caller;
	}

	Caller caller() {
		if (this.caller == null) {
			throw new IllegalStateException("Not an authenticated API route");
		}
		return this.caller;
	}

	RequestParams params() {
		if (this.params == null) {
			this.params = RequestParams.parse(this.rawQuery, header("Content-Type"), this.body);
		}
		return this.params;
	}

}
