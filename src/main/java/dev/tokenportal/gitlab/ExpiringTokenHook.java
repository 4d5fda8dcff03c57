package dev.tokenportal.gitlab;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitLab's {@code expiring_access_token} webhook (gitlab-api.md §13.5), read from its
 * body: the project or group, and the token's id, name, bot and expiry date. The payload
 * carries no token value.
 *
 * @param target the project or group the token belongs to
 * @param tokenId GitLab's token id
 * @param tokenName the token's name
 * @param botUserId the token's bot user
 * @param expiresAt the expiry date
 * @param createdAt when the token was made, if GitLab said
 * @author Token Portal team
 */
public record ExpiringTokenHook(GitLabTarget target, long tokenId, String tokenName, long botUserId,
		LocalDate expiresAt, @Nullable Instant createdAt) {

	public static final String OBJECT_KIND = "access_token";

	public static final String EVENT_NAME = "expiring_access_token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * How hook data that went through Sidekiq renders times:
	 * {@code 2024-01-24 16:27:40 UTC}.
	 */
	private static final DateTimeFormatter SIDEKIQ_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

	/**
	 * Reads a webhook body.
	 * @param body the raw body
	 * @return the event
	 * @throws InvalidWebhookException when the body is not JSON, not this event, or lacks
	 * a field the portal needs; the message says which
	 */
	public static ExpiringTokenHook parse(byte[] body) {
		JsonNode json;
		try {
			json = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidWebhookException("The body is not JSON");
		}
		if (json == null || !json.isObject()) {
			throw new InvalidWebhookException("The body is not a JSON object");
		}
		String kind = text(json, "object_kind");
		String event = text(json, "event_name");
		if (!OBJECT_KIND.equals(kind) || !EVENT_NAME.equals(event)) {
			throw new InvalidWebhookException("Only access token expiry events (object_kind access_token, event_name "
					+ "expiring_access_token) are handled here, not object_kind " + kind + ", event_name " + event);
		}
		JsonNode attributes = object(json, "object_attributes");
		return new ExpiringTokenHook(target(json), number(attributes, "id"), required(attributes, "name"),
				number(attributes, "user_id"), date(attributes, "expires_at"), time(attributes, "created_at"));
	}

	private static GitLabTarget target(JsonNode json) {
		if (json.hasNonNull("project")) {
			JsonNode project = object(json, "project");
			return new GitLabTarget(GitLabResource.PROJECT, number(project, "id"),
					required(project, "path_with_namespace"));
		}
		if (json.hasNonNull("group")) {
			JsonNode group = object(json, "group");
			// full_path since 17.4; before, a top-level group's path is its full path
			String path = (text(group, "full_path") != null) ? text(group, "full_path") : required(group, "group_path");
			return new GitLabTarget(GitLabResource.GROUP, number(group, "group_id"), String.valueOf(path));
		}
		throw new InvalidWebhookException("The event names neither a project nor a group");
	}

	private static JsonNode object(JsonNode json, String field) {
		JsonNode node = json.get(field);
		if (node == null || !node.isObject()) {
			throw new InvalidWebhookException(field + " is missing or not an object");
		}
		return node;
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode node = json.get(field);
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static String required(JsonNode json, String field) {
		String value = text(json, field);
		if (value == null || value.isBlank()) {
			throw new InvalidWebhookException(field + " is missing");
		}
		return value;
	}

	private static long number(JsonNode json, String field) {
		JsonNode node = json.get(field);
		if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
			throw new InvalidWebhookException(field + " is missing or not a number");
		}
		return node.asLong();
	}

	private static LocalDate date(JsonNode json, String field) {
		String value = required(json, field);
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidWebhookException(field + " is not a date (YYYY-MM-DD): " + abbreviate(value));
		}
	}

	/**
	 * Both forms GitLab has written (issue 460466): {@code 2024-01-24 16:27:40 UTC} and
	 * {@code 2024-02-05T03:13:44.855Z}.
	 */
	static @Nullable Instant time(JsonNode json, String field) {
		String value = text(json, field);
		if (value == null) {
			return null;
		}
		try {
			if (value.endsWith(" UTC")) {
				return LocalDateTime.parse(value, SIDEKIQ_TIME).toInstant(ZoneOffset.UTC);
			}
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidWebhookException(field + " is not a time GitLab writes: " + abbreviate(value));
		}
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "…";
	}

}
