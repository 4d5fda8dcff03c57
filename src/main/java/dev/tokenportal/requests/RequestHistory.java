package dev.tokenportal.requests;

import java.util.List;
import java.util.UUID;

/**
 * A request's history as the request page shows it. Kept by {@code audit}, which records
 * the request's events: declared here so that {@code requests} reads it without depending
 * on the trail.
 *
 * @author Token Portal team
 */
public interface RequestHistory {

	/**
	 * A request's history, oldest first. Checks nothing about who asks.
	 * @param requestId the request
	 * @return its entries
	 */
	List<TimelineEntry> of(UUID requestId);

}
