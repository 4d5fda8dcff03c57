package dev.tokenportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.RequestHistory;
import dev.tokenportal.requests.TimelineEntry;
import dev.tokenportal.requests.TimelineEntry.Detail;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * A request's history for its page, read from the trail: every event recorded with the
 * request, in the words the rest of the page uses. The trail keeps its own keys and
 * values (auditors search for them); this turns each into a label and a value from the
 * bundles ({@code requests.timeline.detail.*}, {@code requests.timeline.value.*}).
 *
 * @author Token Portal team
 */
@Component
class AuditRequestHistory implements RequestHistory {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private static final String VALUE = "requests.timeline.value.";

	/** How the trail records approvals: {@code 1 of 2}. */
	private static final Pattern APPROVALS = Pattern.compile("(\\d+) of (\\d+)");

	/** How the trail records a lapse's refused action: {@code approve by bob}. */
	private static final Pattern REFUSED_ACTION = Pattern.compile("([a-z-]+) by (\\S+)");

	/** A CI/CD destination as a request records it: {@code project:12 group/app}. */
	private static final Pattern OWNER = Pattern.compile("(?:project|group):\\d+ (\\S+)");

	/**
	 * A CI/CD destination as delivery records it:
	 * {@code project group/app variable KEY scope *}.
	 */
	private static final Pattern VARIABLE = Pattern.compile("(?:project|group) (\\S+) variable (\\S+) scope (.*)");

	private final AuditTrail trail;

	AuditRequestHistory(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public List<TimelineEntry> of(UUID requestId) {
		return this.trail.eventsOfRequest(requestId).stream().map(AuditRequestHistory::entry).toList();
	}

	static TimelineEntry entry(AuditEvent event) {
		List<Detail> details = new ArrayList<>();
		details(event.details()).forEach((key, value) -> {
			// the reason's code is for searching the trail and the rule's the policy card
			// names: the page shows their words
			if (value != null && !"reasonCode".equals(key) && !"rule".equals(key)) {
				details.add(detail(key, String.valueOf(value)));
			}
		});
		if (event.gitlabTokenId() != null) {
			details.add(Detail.text("gitlabTokenId", String.valueOf(event.gitlabTokenId())));
		}
		return new TimelineEntry(event.occurredAt(), event.actorUsername(), event.action(), event.outcome(), details);
	}

	/**
	 * A recorded value in the words the rest of the page uses. A value the bundles do not
	 * know yet (an older row, a new constant) is shown as recorded.
	 */
	static Detail detail(String key, String text) {
		return switch (key) {
			case "pressAgain", "awaitingChange", "alreadyGone", "protected", "masked", "hidden", "maskedAndHidden",
					"autoRotate", "removed", "portal_token", "reminded" ->
				Detail.coded(key, VALUE + ("true".equals(text) ? "yes" : "no"));
			case "accessLevel", "approverAccessLevel" -> text.matches("[0-9]{1,3}")
					? new Detail(key, AccessLevel.named(Integer.parseInt(text)), null) : Detail.text(key, text);
			case "tier" -> known(key, "tier." + text, text);
			case "status", "previousStatus" -> known(key, "requests.status." + text, text);
			case "policyVersion" ->
				"0".equals(text) ? Detail.coded(key, VALUE + "builtInPolicy") : Detail.text(key, text);
			case "gitlabStatus" -> Detail.coded(key, VALUE + "httpStatus", text);
			case "approvals" -> approvals(key, text);
			case "refusedAction" -> refusedAction(key, text);
			case "decision", "action", "check", "failure", "outcome", "method", "limit", "event" ->
				known(key, VALUE + key + "." + text.replaceAll("[^A-Za-z0-9_-]", "-"), text);
			case "destination" -> destination(key, text);
			case "renewalOf", "renewal" -> Detail.text(key, shortId(text));
			case "period" -> period(key, text);
			case "retryAfterSeconds" -> text.matches("[0-9]{1,9}")
					? Detail.coded(key, VALUE + "seconds", Long.parseLong(text)) : Detail.text(key, text);
			case "nextAttemptAt" -> moment(key, text);
			default -> Detail.text(key, text);
		};
	}

	private static Detail known(String key, String code, String text) {
		return new Detail(key, new DefaultMessageSourceResolvable(new String[] { code }, null, text), null);
	}

	private static Detail approvals(String key, String text) {
		Matcher matcher = APPROVALS.matcher(text);
		return matcher.matches() ? Detail.coded(key, "requests.show.approvalsCount", Integer.parseInt(matcher.group(1)),
				Integer.parseInt(matcher.group(2))) : Detail.text(key, text);
	}

	private static Detail refusedAction(String key, String text) {
		Matcher matcher = REFUSED_ACTION.matcher(text);
		return matcher.matches() ? new Detail(key,
				new DefaultMessageSourceResolvable(new String[] { VALUE + "refusedAction." + matcher.group(1) },
						new Object[] { matcher.group(2) }, text),
				null) : Detail.text(key, text);
	}

	private static Detail destination(String key, String text) {
		Matcher variable = VARIABLE.matcher(text);
		if (variable.matches()) {
			return Detail.coded(key, VALUE + "variable", variable.group(1), variable.group(2), variable.group(3));
		}
		Matcher owner = OWNER.matcher(text);
		return owner.matches() ? Detail.text(key, owner.group(1)) : Detail.text(key, text);
	}

	// the page names requests by their short id (tp-1a2b3c4d), as GitLab's token names do
	private static String shortId(String text) {
		return text.matches("[0-9a-f]{8}-[0-9a-f-]{27}") ? "tp-" + text.substring(0, 8) : text;
	}

	private static Detail period(String key, String text) {
		try {
			long minutes = Duration.parse(text).toMinutes();
			if (minutes > 0 && minutes % 60 == 0) {
				return Detail.coded(key, VALUE + "hours", minutes / 60);
			}
			return (minutes > 0) ? Detail.coded(key, VALUE + "minutes", minutes) : Detail.text(key, text);
		}
		catch (DateTimeParseException ex) {
			return Detail.text(key, text);
		}
	}

	private static Detail moment(String key, String text) {
		try {
			return Detail.moment(key, Instant.parse(text));
		}
		catch (DateTimeParseException ex) {
			return Detail.text(key, text);
		}
	}

	private static Map<String, Object> details(String json) {
		try {
			return JSON.readValue(json, DETAILS);
		}
		catch (RuntimeException ex) {
			return Map.of("details", json);
		}
	}

}
