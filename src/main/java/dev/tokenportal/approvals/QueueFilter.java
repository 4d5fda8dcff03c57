package dev.tokenportal.approvals;

import java.util.Set;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.ListCursor;
import dev.tokenportal.requests.RequestListQuery;

/**
 * The approval queue's filter, as the query string carries it; a value that cannot be
 * used is refused with a 400 naming it.
 *
 * @param target part of the project's or group's path
 * @param q part of the token's name, the justification or the requester's username
 * @param after where the page starts (the link to the next page carries it)
 * @author Token Portal team
 */
public record QueueFilter(@Nullable @Size(max = 512, message = "{requests.list.filter.target.size}") String target,
		@Nullable @Size(max = 200, message = "{approvals.inbox.filter.q.size}") String q, @Nullable ListCursor after) {

	/** The whole queue, first page. */
	public static final QueueFilter NONE = new QueueFilter(null, null, null);

	RequestListQuery query() {
		return RequestListQuery.of(Set.of(), this.target, this.q, this.after);
	}

	/**
	 * Whether anything narrows the queue, for the page to tell "nothing waits" from
	 * "nothing matches".
	 * @return {@code true} when a filter is set
	 */
	public boolean narrowed() {
		return (this.target != null && !this.target.isBlank()) || (this.q != null && !this.q.isBlank());
	}

}
