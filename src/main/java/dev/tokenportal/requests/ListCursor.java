package dev.tokenportal.requests;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Where a page of a list ends, for the link to the next page: the sort key of its last
 * row (a moment, to the microsecond PostgreSQL keeps) and that row's id, which breaks
 * ties. Keyset paging: the next page starts after this row whatever was added or removed
 * meanwhile, and costs the same at any depth. In links it reads
 * {@code <microseconds since 1970>.<id>}; Spring converts a query parameter with
 * {@link #valueOf(String)}, so a cursor that was not made here is a 400 naming the
 * parameter.
 *
 * @param at the sort key of the last row shown
 * @param id the id of the last row shown
 * @author Token Portal team
 */
public record ListCursor(Instant at, UUID id) {

	/** Later than any row: where a newest-first list starts. */
	static final ListCursor NEWEST_FIRST = new ListCursor(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

	/** Earlier than any row: where an oldest-first list starts. */
	static final ListCursor OLDEST_FIRST = new ListCursor(Instant.EPOCH, new UUID(0L, 0L));

	private static final long MAX_MICROS = micros(NEWEST_FIRST.at());

	public ListCursor {
		at = at.truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * A cursor as a link carries it.
	 * @param text {@code <microseconds since 1970>.<id>}
	 * @return the cursor
	 * @throws IllegalArgumentException when the text is not a cursor
	 */
	public static ListCursor valueOf(String text) {
		int dot = text.indexOf('.');
		if (dot < 1 || dot > 20 || text.length() > 60) {
			throw new IllegalArgumentException("not a page cursor");
		}
		long micros = Long.parseLong(text.substring(0, dot));
		if (micros < 0 || micros > MAX_MICROS) {
			// PostgreSQL keeps no moment beyond these
			throw new IllegalArgumentException("not a page cursor");
		}
		return new ListCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(text.substring(dot + 1)));
	}

	// Instant.until(MICROS) counts in nanoseconds first, which overflows near year 2262
	private static long micros(Instant at) {
		return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
	}

	@Override
	public String toString() {
		return micros(this.at) + "." + this.id;
	}

}
