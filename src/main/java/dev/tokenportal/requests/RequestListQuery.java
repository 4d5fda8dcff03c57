package dev.tokenportal.requests;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a list of requests is narrowed to, in SQL: states, a piece of the target's path, a
 * piece of the token's name or justification (any case), and where the page starts.
 *
 * @param statuses the states shown; empty for all
 * @param target part of the target's full path, any case; empty for all
 * @param text part of the token name or the justification, any case; empty for all
 * @param after where the page starts, or {@code null} for the first page
 * @author Token Portal team
 */
public record RequestListQuery(Set<TokenRequestStatus> statuses, String target, String text,
		@Nullable ListCursor after) {

	public RequestListQuery {
		statuses = statuses.isEmpty() ? EnumSet.allOf(TokenRequestStatus.class) : Set.copyOf(statuses);
		target = target.strip();
		text = text.strip();
	}

	/**
	 * A query with filters that may be missing.
	 * @param statuses the states shown; empty for all
	 * @param target part of the target's path, or {@code null}
	 * @param text part of the name or justification, or {@code null}
	 * @param after where the page starts, or {@code null}
	 * @return the query
	 */
	public static RequestListQuery of(Collection<TokenRequestStatus> statuses, @Nullable String target,
			@Nullable String text, @Nullable ListCursor after) {
		return new RequestListQuery(Set.copyOf(statuses), (target != null) ? target : "", (text != null) ? text : "",
				after);
	}

	/** Everything, first page. */
	public static RequestListQuery all() {
		return of(Set.of(), null, null, null);
	}

	Collection<String> statusNames() {
		return this.statuses.stream().map(Enum::name).toList();
	}

	String targetPattern() {
		return contains(this.target);
	}

	String textPattern() {
		return contains(this.text);
	}

	/**
	 * An {@code ILIKE} pattern that finds the text anywhere: its wildcards are characters
	 * to look for, not patterns.
	 */
	static String contains(String text) {
		return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
