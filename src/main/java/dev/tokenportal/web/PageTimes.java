package dev.tokenportal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;

/**
 * How every page writes a moment, the one helper templates use as {@code @times}: in the
 * reader's time zone with the zone named ({@code 2026-03-01 15:05 CET}), in UTC for the
 * tooltip, and as ISO-8601 for {@code <time datetime>}; the fragment
 * {@code fragments/time :: time(at)} puts the three together. Exports, mails and the
 * audit trail stay in UTC.
 *
 * @author Token Portal team
 */
public class PageTimes {

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ViewerTimeZone.FALLBACK);

	/**
	 * A moment in the reader's zone, to the minute, with the zone's name.
	 * @param at the moment
	 * @return e.g. {@code 2026-03-01 15:05 CET}, empty for none
	 */
	public String local(@Nullable Instant at) {
		return (at != null) ? LOCAL.withZone(zone()).withLocale(LocaleContextHolder.getLocale()).format(at) : "";
	}

	/**
	 * A moment in UTC, to the minute.
	 * @param at the moment
	 * @return e.g. {@code 2026-03-01 14:05 UTC}, empty for none
	 */
	public String utc(@Nullable Instant at) {
		return (at != null) ? UTC.format(at) : "";
	}

	/**
	 * A moment for machines ({@code <time datetime>}).
	 * @param at the moment
	 * @return e.g. {@code 2026-03-01T14:05:00Z}, empty for none
	 */
	public String iso(@Nullable Instant at) {
		return (at != null) ? DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS)) : "";
	}

	/**
	 * The reader's time zone, as {@link ViewerTimeZone} resolved it for this request.
	 * @return the zone; UTC outside a request or without one
	 */
	public ZoneId zone() {
		LocaleContext context = LocaleContextHolder.getLocaleContext();
		if (context instanceof TimeZoneAwareLocaleContext aware) {
			TimeZone zone = aware.getTimeZone();
			if (zone != null) {
				return zone.toZoneId();
			}
		}
		return ViewerTimeZone.FALLBACK;
	}

}
