package dev.tokenportal.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.web.servlet.i18n.AbstractLocaleContextResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * The reader's language and time zone for every page: the language from the browser's
 * {@code Accept-Language}, as before, and the time zone from the {@code tz} cookie that
 * {@code js/timezone.js} sets from the browser's own zone
 * ({@code Intl.DateTimeFormat().resolvedOptions().timeZone}). A zone Java does not know,
 * or no cookie (no JavaScript, the first page), is UTC.
 *
 * @author Token Portal team
 */
final class ViewerTimeZone extends AbstractLocaleContextResolver {

	/** The cookie the browser's script sets. */
	static final String COOKIE = "tz";

	/** Pages without the reader's zone show UTC, as GitLab's expiry dates are. */
	static final ZoneId FALLBACK = ZoneId.of("UTC");

	/** Longer than any IANA zone name: anything longer is not one. */
	private static final int MAX_LENGTH = 64;

	private final AcceptHeaderLocaleResolver languages = new AcceptHeaderLocaleResolver();

	@Override
	public LocaleContext resolveLocaleContext(HttpServletRequest request) {
		Locale locale = this.languages.resolveLocale(request);
		return new SimpleTimeZoneAwareLocaleContext(locale, TimeZone.getTimeZone(zoneOf(request)));
	}

	@Override
	public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
			@Nullable LocaleContext localeContext) {
		throw new UnsupportedOperationException("The browser chooses the language and the time zone");
	}

	/**
	 * The zone the request's cookie names.
	 * @param request the request
	 * @return the zone, or UTC when there is none or it is not a zone
	 */
	static ZoneId zoneOf(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, COOKIE);
		return (cookie != null) ? zoneNamed(cookie.getValue()) : FALLBACK;
	}

	/**
	 * The zone a cookie value names.
	 * @param value the cookie's value, e.g. {@code Europe%2FBerlin}
	 * @return the zone, or UTC when the value is not a zone
	 */
	static ZoneId zoneNamed(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
			return FALLBACK;
		}
		try {
			return ZoneId.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		catch (DateTimeException | IllegalArgumentException ex) {
			return FALLBACK;
		}
	}

}
