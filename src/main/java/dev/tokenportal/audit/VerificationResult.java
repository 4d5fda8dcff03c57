package dev.tokenportal.audit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a walk of the chain found: intact up to an event, or the first event that does not
 * match and why. The walk covers the sealed chain; events appended but not yet sealed are
 * counted, and each must carry the leaf MAC the portal gave it.
 *
 * @param intact whether every event checked matched
 * @param fromSeq the event the walk started after (0 = from the start)
 * @param verifiedUpTo the last event found intact
 * @param headHash that event's hash
 * @param firstBadSeq the first event that does not match, if any
 * @param problem why it does not match, in words
 * @param eventsChecked how many events were checked
 * @param took how long the walk took
 * @param awaitingSealing how many events were appended but not yet sealed into the chain
 * @author Token Portal team
 */
public record VerificationResult(boolean intact, long fromSeq, long verifiedUpTo, String headHash,
		@Nullable Long firstBadSeq, @Nullable String problem, long eventsChecked, Duration took, long awaitingSealing) {

	/**
	 * One line for people: "intact up to event N" or "event N: problem".
	 * @return the summary
	 */
	public String summary() {
		if (this.intact) {
			return "Intact up to event " + this.verifiedUpTo;
		}
		return (this.firstBadSeq != null) ? "Event " + this.firstBadSeq + " does not match: " + this.problem
				: "Intact up to event " + this.verifiedUpTo + ", but " + this.problem;
	}

	/**
	 * The same result with the number of events awaiting sealing.
	 * @param awaiting that number
	 * @return the result
	 */
	VerificationResult awaiting(long awaiting) {
		return new VerificationResult(this.intact, this.fromSeq, this.verifiedUpTo, this.headHash, this.firstBadSeq,
				this.problem, this.eventsChecked, this.took, awaiting);
	}

}
