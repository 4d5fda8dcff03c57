package dev.tokenportal.requests;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * One event in a request's history, from the audit trail, as the request page shows it:
 * every word a code in the bundles, never the trail's own keys.
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
	 * What happened, in words: the request page's own name for the action, else the audit
	 * page's, else a general one (an action added without words never shows its key).
	 * @return e.g. {@code requests.timeline.action.request.submitted}
	 */
	public MessageSourceResolvable what() {
		return new DefaultMessageSourceResolvable(new String[] { "requests.timeline.action." + this.action,
				"audit.action." + this.action, "requests.timeline.action.other" });
	}

	/**
	 * How it ended, in words.
	 * @return e.g. {@code requests.timeline.outcome.SUCCESS}
	 */
	public MessageSourceResolvable how() {
		return new DefaultMessageSourceResolvable(
				new String[] { "requests.timeline.outcome." + this.outcome, "requests.timeline.outcome.UNKNOWN" });
	}

	/**
	 * One recorded detail, labelled and worded for people.
	 *
	 * @param key the trail's name for it, e.g. {@code pressAgain}, for tests and markup
	 * only
	 * @param value its value in words
	 * @param at its value when it is a moment, shown as the page shows times;
	 * {@code null} otherwise
	 */
	public record Detail(String key, MessageSourceResolvable value, @Nullable Instant at) {

		/**
		 * A detail worded by a message code.
		 * @param key the trail's name
		 * @param code the value's message code
		 * @param arguments its arguments
		 * @return the detail
		 */
		public static Detail coded(String key, String code, Object... arguments) {
			return new Detail(key, new DefaultMessageSourceResolvable(new String[] { code }, arguments), null);
		}

		/**
		 * A detail whose value is shown as recorded (a path, a name, a number, a person's
		 * own words).
		 * @param key the trail's name
		 * @param text the value
		 * @return the detail
		 */
		public static Detail text(String key, String text) {
			return new Detail(key, new DefaultMessageSourceResolvable(null, null, text), null);
		}

		/**
		 * A detail that is a moment.
		 * @param key the trail's name
		 * @param at the moment
		 * @return the detail
		 */
		public static Detail moment(String key, Instant at) {
			return new Detail(key, new DefaultMessageSourceResolvable(null, null, at.toString()), at);
		}

		/**
		 * The detail's label; a detail added without one is labelled in general terms,
		 * never by its key.
		 * @return e.g. {@code requests.timeline.detail.reason}
		 */
		public MessageSourceResolvable label() {
			return new DefaultMessageSourceResolvable(
					new String[] { "requests.timeline.detail." + this.key, "requests.timeline.detail.other" });
		}

	}

}
