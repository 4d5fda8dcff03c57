package dev.tokenportal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without a browser: an HTTP client with its own cookie jar that follows no
 * redirect by itself, so a test can look at every hop of the GitLab login dance.
 *
 * @author Token Portal team
 */
public final class PortalHttp {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String portal;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private final Map<String, String> headers = new java.util.LinkedHashMap<>();

	public PortalHttp(int port) {
		this.portal = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Sends a header with every later request, as a client (or a proxy in front of the
	 * portal) would.
	 * @param name the header
	 * @param value its value
	 * @return this client
	 */
	public PortalHttp withHeader(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/**
	 * GET a portal path or an absolute URL.
	 * @param pathOrUrl {@code /path} on the portal, or a full URL
	 * @return the response
	 */
	public Response get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
	}

	/**
	 * POST a form to a portal path or an absolute URL.
	 * @param pathOrUrl where to post
	 * @param form the fields
	 * @return the response
	 */
	public Response post(String pathOrUrl, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Signs in through GitLab as a sandbox user: portal → GitLab's authorize endpoint
	 * (skipping the picker with {@code login_hint}) → the portal's callback.
	 * @param username the sandbox user
	 * @return the portal's answer to the callback (a redirect into the portal)
	 */
	public Response loginAs(String username) {
		Response start = get("/oauth2/authorization/gitlab");
		assertThat(start.status()).as("portal redirects to GitLab").isEqualTo(302);
		Response authorize = get(start.location() + "&login_hint=" + encode(username));
		assertThat(authorize.status()).as("GitLab redirects back with a code").isEqualTo(302);
		Response callback = get(authorize.location());
		assertThat(callback.status()).as("portal accepts the callback").isEqualTo(302);
		assertThat(callback.location()).as("login did not fail").doesNotContain("error");
		return callback;
	}

	/**
	 * The portal's session cookie, if the jar holds one.
	 * @return the cookie value
	 */
	public Optional<String> sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * Replaces the session cookie, as an attacker replaying an old one would.
	 * @param value the cookie value
	 */
	public void useSessionCookie(String value) {
		this.cookies.getCookieStore().removeAll();
		HttpCookie cookie = new HttpCookie("SESSION", value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.portal), cookie);
	}

	/**
	 * The CSRF token in a page's forms.
	 * @param html the page
	 * @return the token
	 */
	public static String csrfToken(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("page has a CSRF field").isTrue();
		return matcher.group(1);
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.portal + pathOrUrl);
	}

	private Response send(HttpRequest.Builder request) {
		try {
			this.headers.forEach(request::header);
			// ask for HTML as a browser does, so error pages render as pages
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(30))
				.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
				.build(), HttpResponse.BodyHandlers.ofString());
			String location = response.headers().firstValue("Location").orElse(null);
			if (location != null && location.startsWith("/")) {
				location = this.portal + location;
			}
			return new Response(response.statusCode(), location, response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * One HTTP answer.
	 *
	 * @param status the status
	 * @param location the absolute {@code Location}, for redirects
	 * @param body the body
	 * @param headers the headers
	 */
	public record Response(int status, String location, String body, HttpHeaders headers) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
