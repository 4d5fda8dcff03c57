package dev.tokenportal.approvals;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.ListCursor;

/**
 * What waits for an Owner: a page of the pending requests on targets they own, oldest
 * first, or why GitLab could not say what they own.
 *
 * @param requests the requests on this page, oldest first
 * @param problem the message code of why the queue could not be read, or {@code null}
 * @param next where the next page starts, or {@code null} on the last page
 * @param first whether this is the first page
 * @author Token Portal team
 */
public record ApprovalQueue(List<QueuedRequest> requests, @Nullable String problem, @Nullable ListCursor next,
		boolean first) {

	public ApprovalQueue {
		requests = List.copyOf(requests);
	}

	/**
	 * A queue on one page.
	 * @param requests the requests, oldest first
	 * @param problem the message code of why the queue could not be read, or {@code null}
	 */
	public ApprovalQueue(List<QueuedRequest> requests, @Nullable String problem) {
		this(requests, problem, null, true);
	}

	/**
	 * A queue that could not be read.
	 * @param problem the message code of why
	 * @return the empty queue
	 */
	public static ApprovalQueue unavailable(String problem) {
		return new ApprovalQueue(List.of(), problem);
	}

	public boolean hasNext() {
		return this.next != null;
	}

}
