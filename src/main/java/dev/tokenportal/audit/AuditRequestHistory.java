package dev.tokenportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.RequestHistory;
import dev.tokenportal.requests.TimelineEntry;
import org.springframework.stereotype.Component;

/**
 * A request's history for its page, read from the trail: every event recorded with the
 * request, in the words the rest of the page uses.
 *
 * @author Token Portal team
 */
@Component
class AuditRequestHistory implements RequestHistory {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final AuditTrail trail;

	AuditRequestHistory(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public List<TimelineEntry> of(UUID requestId) {
		return this.trail.eventsOfRequest(requestId).stream().map(AuditRequestHistory::entry).toList();
	}

	private static TimelineEntry entry(AuditEvent event) {
		List<TimelineEntry.Detail> details = new ArrayList<>();
		details(event.details()).forEach((key, value) -> {
			// the reason's code is for searching the trail; the page shows its words
			if (value != null && !"reasonCode".equals(key)) {
				details.add(new TimelineEntry.Detail(key, plain(key, value)));
			}
		});
		if (event.gitlabTokenId() != null) {
			details.add(new TimelineEntry.Detail("gitlabTokenId", String.valueOf(event.gitlabTokenId())));
		}
		return new TimelineEntry(event.occurredAt(), event.actorUsername(), event.action(), event.outcome(), details);
	}

	// stored values in the words the rest of the page uses
	private static String plain(String key, Object value) {
		String text = String.valueOf(value);
		return switch (key) {
			case "accessLevel" ->
				text.matches("[0-9]{1,3}") ? AccessLevel.label(Integer.parseInt(text)) + " (" + text + ")" : text;
			case "status", "tier" -> text.toLowerCase(Locale.ROOT).replace('_', ' ');
			default -> text;
		};
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
