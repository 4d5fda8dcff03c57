package dev.tokenportal.requests;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tokenportal.PortalHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user filling in the request form over HTTP, as a browser without JavaScript
 * would. Several scopes travel comma-separated in one field, which the server binds like
 * repeated checkboxes.
 *
 * @author Token Portal team
 */
final class RequestFormFixture {

	private static final Pattern REQUEST_ID = Pattern.compile("/requests/([0-9a-f-]{36})$");

	private final PortalHttp http;

	RequestFormFixture(PortalHttp http) {
		this.http = http;
	}

	static LocalDate inDays(int days) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(days);
	}

	/**
	 * A complete form: a low-tier request for {@code platform/backend/api} unless
	 * changed.
	 * @return the fields
	 */
	static Map<String, String> lowTierForApi() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("target", "project:11");
		form.put("tokenName", "ci-reader");
		form.put("description", "Reads the API in CI");
		form.put("scopes", "read_api");
		form.put("accessLevel", "20");
		form.put("expiresOn", inDays(7).toString());
		form.put("justification", "The nightly job reads release notes.");
		return form;
	}

	static Map<String, String> with(Map<String, String> form, String... keyValues) {
		Map<String, String> changed = new LinkedHashMap<>(form);
		for (int i = 0; i < keyValues.length; i += 2) {
			if (keyValues[i + 1] == null) {
				changed.remove(keyValues[i]);
			}
			else {
				changed.put(keyValues[i], keyValues[i + 1]);
			}
		}
		return changed;
	}

	/**
	 * Opens the form and posts the fields with its CSRF token.
	 * @param fields the fields
	 * @return the answer
	 */
	PortalHttp.Response post(Map<String, String> fields) {
		String page = this.http.get("/requests/new").body();
		Map<String, String> body = new LinkedHashMap<>(fields);
		body.put("_csrf", PortalHttp.csrfToken(page));
		return this.http.post("/requests/new", body);
	}

	/**
	 * Submits and expects the request to be saved.
	 * @param fields the fields
	 * @return the new request's id
	 */
	UUID submit(Map<String, String> fields) {
		PortalHttp.Response response = post(fields);
		assertThat(response.status()).as("submitted, redirected to the request: %s", response.body()).isEqualTo(302);
		Matcher matcher = REQUEST_ID.matcher(response.location());
		assertThat(matcher.find()).as("redirect to a request page: %s", response.location()).isTrue();
		return UUID.fromString(matcher.group(1));
	}

	/**
	 * The error shown next to a field (several messages would be separated by
	 * {@code <br />
	 * }).
	 * @param html the page
	 * @param field the field
	 * @return the text, or {@code null} when there is none
	 */
	static String fieldError(String html, String field) {
		Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\"[^>]*>(.*?)</p>", Pattern.DOTALL)
			.matcher(html);
		return matcher.find() ? matcher.group(1).strip() : null;
	}

}
