package dev.gitlabsandbox;

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
 * @author Token Portal team
 */
public record RecordedCall(String method, String path, @Nullable String query, int status, boolean dropped) {

	private static final Pattern SECRET_PARAMS = Pattern
		.compile("(?i)(^|&)(private_token|access_token|refresh_token|code|code_verifier|client_secret|token)=[^&]*");

	static RecordedCall of(String method, String path, @Nullable String rawQuery, int status, boolean dropped) {
		String query = (rawQuery != null) ? SECRET_PARAMS.matcher(rawQuery).replaceAll("$1$2=[FILTERED]") : null;
		return new RecordedCall(method, path, query, status, dropped);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "") + " -> "
				+ (this.dropped ? "dropped after " : "") + this.status;
	}

}
