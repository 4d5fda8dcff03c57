package dev.tokenportal.requests;

import java.time.Instant;
import java.util.List;

/**
 * One event in a request's history, from the audit trail, as the request page shows it.
 *
 * @param at when
 * @param actor who (a GitLab username, or {@code system})
 * @param action the audit action key, e.g. {@code request.submitted}
 * @param outcome {@code SUCCESS}, {@code FAILURE}, {@code DENIED} or {@code UNKNOWN}
 * @param details what the event recorded, in order
 * @author Token Portal team
 */
public record TimelineEntry(Instant at, String actor, String action, String outcome, List<Detail> details) {

	public TimelineEntry {
		details = List.copyOf(details);
	}

	/**
	 * The message key that names the action.
	 * @return e.g. {@code requests.timeline.action.request.submitted}
	 */
	public String actionKey() {
		return "requests.timeline.action." + this.action;
	}

	/**
	 * One recorded detail.
	 *
	 * @param key the detail's name, e.g. {@code reason}
	 * @param value its value as text
	 */
	public record Detail(String key, String value) {

		/**
		 * The message key that labels the detail.
		 * @return e.g. {@code requests.timeline.detail.reason}
		 */
		public String labelKey() {
			return "requests.timeline.detail." + this.key;
		}

	}

	/**
	 * When, as text.
	 * @return the moment in UTC
	 */
	public String atText() {
		return Times.utc(this.at);
	}

}
