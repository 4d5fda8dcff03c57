package dev.tokenportal.audit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a walk of the chain found: intact up to an event, or the first event that does not
 * match and why.
 *
 * @param intact whether every event checked matched
 * @param fromSeq the event the walk started after (0 = from the start)
 * @param verifiedUpTo the last event found intact
 * @param headHash that event's hash
 * @param firstBadSeq the first event that does not match, if any
 * @param problem why it does not match, in words
 * @param eventsChecked how many events were checked
 * @param took how long the walk took
 * @author Token Portal team
 */
public record VerificationResult(boolean intact, long fromSeq, long verifiedUpTo, String headHash,
		@Nullable Long firstBadSeq, @Nullable String problem, long eventsChecked, Duration took) {

	/**
	 * One line for people: "intact up to event N" or "event N: problem".
	 * @return the summary
	 */
	public String summary() {
		return this.intact ? "Intact up to event " + this.verifiedUpTo
				: "Event " + this.firstBadSeq + " does not match: " + this.problem;
	}

}
