package dev.tokenportal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's time zone comes from the {@code tz} cookie the browser's script sets, is
 * checked as a zone Java knows, and is UTC otherwise; pages write moments in it with its
 * name, UTC beside for the tooltip.
 *
 * @author Token Portal team
 */
class ViewerTimeZoneTests {

	private static final Instant WINTER = Instant.parse("2030-01-01T10:00:00Z");

	private final ViewerTimeZone resolver = new ViewerTimeZone();

	private final PageTimes times = new PageTimes();

	@AfterEach
	void noReaderLeftBehind() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void theBrowsersZoneFromItsCookieAndTheLanguageFromItsHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("tz", "Europe%2FBerlin"));
		request.addHeader("Accept-Language", "de-CH, en;q=0.5");

		TimeZoneAwareLocaleContext context = (TimeZoneAwareLocaleContext) this.resolver.resolveLocaleContext(request);

		assertThat(context.getTimeZone()).isEqualTo(TimeZone.getTimeZone("Europe/Berlin"));
		assertThat(context.getLocale()).isEqualTo(Locale.forLanguageTag("de-CH"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Mars/Olympus", "..%2F..%2Fetc%2Fpasswd", "Europe/Berlin<script>", "%E0%A4%A",
			"Europe/Berlin/Europe/Berlin/Europe/Berlin/Europe/Berlin/Europe/Berlin/Europe/Berlin" })
	void aCookieThatNamesNoZoneIsUtc(String value) {
		assertThat(ViewerTimeZone.zoneNamed(value)).isEqualTo(ZoneId.of("UTC"));
	}

	@Test
	void noCookieIsUtc() {
		assertThat(ViewerTimeZone.zoneOf(new MockHttpServletRequest())).isEqualTo(ZoneId.of("UTC"));
		assertThat(ViewerTimeZone.zoneNamed("Asia/Tokyo")).isEqualTo(ZoneId.of("Asia/Tokyo"));
	}

	@Test
	void aMomentIsWrittenInTheReadersZoneWithItsNameAndInUtc() {
		reader("Europe/Berlin");

		assertThat(this.times.local(WINTER)).isEqualTo("2030-01-01 11:00 CET");
		assertThat(this.times.local(Instant.parse("2030-07-01T10:00:00Z"))).isEqualTo("2030-07-01 12:00 CEST");
		assertThat(this.times.utc(WINTER)).isEqualTo("2030-01-01 10:00 UTC");
		assertThat(this.times.iso(Instant.parse("2030-01-01T10:00:00.123456Z"))).isEqualTo("2030-01-01T10:00:00Z");
		assertThat(this.times.local(null)).isEmpty();
	}

	@Test
	void withoutAReadersZoneAMomentIsUtc() {
		assertThat(this.times.local(WINTER)).isEqualTo("2030-01-01 10:00 UTC");
		LocaleContextHolder.setLocaleContext(new LocaleContext() {
			@Override
			public Locale getLocale() {
				return Locale.ENGLISH;
			}
		});
		assertThat(this.times.local(WINTER)).isEqualTo("2030-01-01 10:00 UTC");
	}

	private static void reader(String zone) {
		LocaleContextHolder
			.setLocaleContext(new SimpleTimeZoneAwareLocaleContext(Locale.ENGLISH, TimeZone.getTimeZone(zone)));
	}

}
