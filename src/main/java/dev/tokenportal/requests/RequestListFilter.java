package dev.tokenportal.requests;

import java.util.Set;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The filter of "My requests", as the query string carries it; a value that cannot be
 * used is refused with a 400 naming it.
 *
 * @param status one state, or {@code null} for all
 * @param target part of the project's or group's path
 * @param q part of the token's name or the justification
 * @param after where the page starts (the link to the next page carries it)
 * @author Token Portal team
 */
public record RequestListFilter(@Nullable TokenRequestStatus status,
		@Nullable @Size(max = 512, message = "{requests.list.filter.target.size}") String target,
		@Nullable @Size(max = 200, message = "{requests.list.filter.q.size}") String q, @Nullable ListCursor after) {

	RequestListQuery query() {
		return RequestListQuery.of((this.status != null) ? Set.of(this.status) : Set.of(), this.target, this.q,
				this.after);
	}

	/**
	 * Whether anything narrows the list, for the page to tell "none yet" from "none
	 * match".
	 * @return {@code true} when a filter is set
	 */
	public boolean narrowed() {
		return this.status != null || (this.target != null && !this.target.isBlank())
				|| (this.q != null && !this.q.isBlank());
	}

}
