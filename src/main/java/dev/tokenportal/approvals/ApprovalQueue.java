package dev.tokenportal.approvals;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What waits for an Owner: the pending requests on targets they own, oldest first, or why
 * GitLab could not say what they own.
 *
 * @param requests the requests, oldest first
 * @param problem why the queue could not be read, in plain words, or {@code null}
 * @author Token Portal team
 */
public record ApprovalQueue(List<QueuedRequest> requests, @Nullable String problem) {

	public ApprovalQueue {
		requests = List.copyOf(requests);
	}

	static ApprovalQueue unavailable(String problem) {
		return new ApprovalQueue(List.of(), problem);
	}

}
