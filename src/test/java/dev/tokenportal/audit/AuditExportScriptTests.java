package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/verify-audit-export.sh} on exports built here with the portal's own
 * chain rules: events from before the chain was keyed verify with plain SHA-256, keyed
 * ones with the key from the environment, and a plain event after a keyed one is refused.
 *
 * @author Token Portal team
 */
class AuditExportScriptTests {

	private static final String KEY = "export-script-audit-key-0123456789abcdef";

	private static final AuditChain CHAIN = new AuditChain(new AuditProperties("f".repeat(32), KEY));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void plainEventsBeforeTheSwitchAndKeyedOnesAfterVerify() throws Exception {
		Path export = export(AuditChain.PLAIN, AuditChain.PLAIN, AuditChain.KEYED, AuditChain.KEYED);
		Result result = verify(export, KEY);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).startsWith("OK: 4 events, every hash matches (2 sealed with the audit key)");
		assertThat(verify(export, "x".repeat(40)).output()).contains("event 3: its fields do not hash");
	}

	@Test
	void anEventAwaitingSealingIsCountedAndLeftOutRatherThanTakenForAGap() throws Exception {
		Path export = export(AuditChain.KEYED, AuditChain.KEYED);
		AuditEvent leaf = new AuditEvent(null, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), 7L,
				"erin", null, null, null, "token.revoked", "SUCCESS", "project", 11L, "platform/api", UUID.randomUUID(),
				null, null, "{}", null, null, AuditChain.KEYED, 3);
		List<String> lines = new ArrayList<>(Files.readAllLines(export));
		lines.add(JSON.writeValueAsString(line(leaf, null)));
		Files.write(export, lines);
		Result result = verify(export, KEY);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).startsWith("OK: 2 events")
			.contains("1 event(s) in the export await sealing (no seq yet) and were not verified");
	}

	@Test
	void plainEventAfterAKeyedOneIsRefused() throws Exception {
		Result result = verify(export(AuditChain.KEYED, AuditChain.KEYED, AuditChain.PLAIN), KEY);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("event 3 is not sealed with the audit key although earlier events are");
	}

	@Test
	void eventBeforeTheFirstIsRefusedHoweverWellItHashes() throws Exception {
		Path export = export(AuditChain.KEYED, AuditChain.KEYED);
		AuditEvent slipped = new AuditEvent(-7L, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), 7L,
				"erin", null, null, null, "token.revoked", "SUCCESS", "project", 11L, "platform/api", UUID.randomUUID(),
				null, null, "{}", AuditChain.GENESIS, "", AuditChain.KEYED, 0);
		List<String> lines = new ArrayList<>(Files.readAllLines(export));
		lines.add(0, JSON.writeValueAsString(line(slipped, CHAIN.seal(slipped))));
		Files.write(export, lines);
		Result result = verify(export, KEY);
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("event -7 stands before the first event");
	}

	@Test
	void exportOfPlainEventsOnlyNeedsNoKey() throws Exception {
		Result result = verify(export(AuditChain.PLAIN, AuditChain.PLAIN), null);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).startsWith("OK: 2 events");
	}

	/** A chain from the first event, each event in the given form, as JSON Lines. */
	private Path export(String... forms) throws Exception {
		List<String> lines = new ArrayList<>();
		String previous = AuditChain.GENESIS;
		for (int i = 0; i < forms.length; i++) {
			AuditEvent event = new AuditEvent((long) (i + 1), UUID.randomUUID(),
					Instant.now().truncatedTo(ChronoUnit.MICROS), 3L, "zoë", "10.0.0.1", "agent \\ \"quoted\"",
					"c-" + i, "request.submitted", "SUCCESS", "project", 11L, "platform/api", UUID.randomUUID(), null,
					null, "{\"n\":" + i + "}", previous, "", forms[i], 0);
			String hash = AuditChain.KEYED.equals(forms[i]) ? CHAIN.seal(event)
					: AuditChain.sha256(AuditChain.canonical(event));
			lines.add(JSON.writeValueAsString(line(event, hash)));
			previous = hash;
		}
		Path file = this.dir.resolve("audit-" + UUID.randomUUID() + ".jsonl");
		Files.write(file, lines);
		return file;
	}

	private static ObjectNode line(AuditEvent e, @Nullable String hash) {
		ObjectNode line = JSON.createObjectNode();
		line.put("seq", e.seq());
		line.put("event_id", e.eventId().toString());
		line.put("occurred_at", DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()));
		line.put("actor_id", e.actorId());
		line.put("actor_username", e.actorUsername());
		line.put("client_ip", e.clientIp());
		line.put("user_agent", e.userAgent());
		line.put("correlation_id", e.correlationId());
		line.put("action", e.action());
		line.put("outcome", e.outcome());
		line.put("target_type", e.targetType());
		line.put("target_id", e.targetId());
		line.put("target_path", e.targetPath());
		line.put("request_id", String.valueOf(e.requestId()));
		line.putNull("gitlab_token_id");
		line.putNull("token_fingerprint");
		line.put("details", e.details());
		line.put("prev_hash", e.prevHash());
		line.put("hash", hash);
		line.put("hash_alg", e.hashAlg());
		return line;
	}

	/**
	 * Runs {@code scripts/verify-audit-export.sh} on an export, with the audit key in its
	 * environment or none.
	 */
	static Result verify(Path export, @Nullable String key) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "scripts/verify-audit-export.sh", export.toString())
			.redirectErrorStream(true);
		builder.environment().remove("PORTAL_AUDIT_KEY");
		if (key != null) {
			builder.environment().put("PORTAL_AUDIT_KEY", key);
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	record Result(int exitCode, String output) {
	}

}
