package dev.tokenportal.gitlab;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading GitLab's {@code expiring_access_token} payloads (gitlab-api.md §13.5): project
 * and group blocks, both {@code created_at} forms, and clear reasons for what cannot be
 * used.
 *
 * @author Token Portal team
 */
class ExpiringTokenHookTests {

	private static final String PROJECT = """
			{"object_kind":"access_token","project":{"id":7,"name":"Flight","namespace":"Flightjs",
			"path_with_namespace":"flightjs/Flight","web_url":"https://example.com/flightjs/Flight"},
			"object_attributes":{"user_id":90,"created_at":"2024-01-24 16:27:40 UTC","id":25,"name":"acd",
			"expires_at":"2024-01-26"},"event_name":"expiring_access_token"}""";

	@Test
	void readsAProjectTokenWithSidekiqsTimeFormat() {
		ExpiringTokenHook hook = parse(PROJECT);
		assertThat(hook.target()).isEqualTo(new GitLabTarget(GitLabResource.PROJECT, 7, "flightjs/Flight"));
		assertThat(hook.tokenId()).isEqualTo(25);
		assertThat(hook.tokenName()).isEqualTo("acd");
		assertThat(hook.botUserId()).isEqualTo(90);
		assertThat(hook.expiresAt()).isEqualTo(LocalDate.of(2024, 1, 26));
		assertThat(hook.createdAt()).isEqualTo(Instant.parse("2024-01-24T16:27:40Z"));
	}

	@Test
	void readsAGroupTokenWithTheIsoTimeFormat() {
		ExpiringTokenHook hook = parse("""
				{"object_kind":"access_token","group":{"group_name":"Twitter","group_path":"twitter",
				"group_id":35,"full_path":"twitter/birds"},"object_attributes":{"user_id":90,
				"created_at":"2024-02-05T03:13:44.855Z","id":25,"name":"acd","expires_at":"2024-01-26",
				"last_used_at":null},"event_name":"expiring_access_token"}""");
		assertThat(hook.target()).isEqualTo(new GitLabTarget(GitLabResource.GROUP, 35, "twitter/birds"));
		assertThat(hook.createdAt()).isEqualTo(Instant.parse("2024-02-05T03:13:44.855Z"));
	}

	@Test
	void aGroupWithoutFullPathBefore17Point4UsesItsPath() {
		ExpiringTokenHook hook = parse("""
				{"object_kind":"access_token","group":{"group_name":"Twitter","group_path":"twitter","group_id":35},
				"object_attributes":{"user_id":90,"id":25,"name":"acd","expires_at":"2024-01-26"},
				"event_name":"expiring_access_token"}""");
		assertThat(hook.target().fullPath()).isEqualTo("twitter");
		assertThat(hook.createdAt()).isNull();
	}

	@Test
	void refusesWhatItCannotUseWithTheReason() {
		assertRefused("{not json", "not JSON");
		assertRefused("[]", "not a JSON object");
		assertRefused("{\"object_kind\":\"push\",\"event_name\":\"push\"}", "object_kind push, event_name push");
		assertRefused(PROJECT.replace("\"id\":25,", ""), "id is missing or not a number");
		assertRefused(PROJECT.replace("2024-01-26", "soon"), "expires_at is not a date");
		assertRefused(PROJECT.replace("2024-01-24 16:27:40 UTC", "yesterday"), "created_at is not a time");
		assertRefused(PROJECT.replace("\"project\"", "\"snippet\""), "neither a project nor a group");
	}

	private static void assertRefused(String body, String reason) {
		assertThatExceptionOfType(InvalidWebhookException.class).isThrownBy(() -> parse(body))
			.withMessageContaining(reason);
	}

	private static ExpiringTokenHook parse(String body) {
		return ExpiringTokenHook.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
