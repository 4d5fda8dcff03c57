package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security team's pages over real HTTP: search with keyset pages, export that can be
 * re-hashed offline, chain head and verification; everyone else gets 403, and the attempt
 * is itself an event.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class AuditLogIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	AuditTrail trail;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditProperties properties;

	PortalHttp dave;

	@BeforeEach
	void signInAsAuditor() {
		this.sandbox.reset();
		this.dave = new PortalHttp(this.port);
		this.dave.loginAs("dave");
	}

	@Test
	void auditorSearchesByActorAndPagesWithoutOffsets() {
		String marker = "pager-" + System.nanoTime();
		for (int i = 0; i < 60; i++) {
			int n = i;
			this.transactions.executeWithoutResult((tx) -> this.trail
				.record(AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(99, marker))
					.detail("n", n)
					.build()));
		}
		String first = this.dave.get("/audit?actor=" + marker).body();
		assertThat(rows(first)).hasSize(AuditLogService.PAGE_SIZE);
		Matcher older = Pattern.compile("id=\"older-events\" href=\"([^\"]+)\"").matcher(first);
		assertThat(older.find()).isTrue();
		String second = this.dave.get(older.group(1).replace("&amp;", "&")).body();
		assertThat(rows(second)).hasSize(10);
		assertThat(second).doesNotContain("id=\"older-events\"");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'audit.searched' and actor_username = 'dave' "
						+ "and details like ?",
				Integer.class, "%" + marker + "%"))
			.isEqualTo(2);
	}

	@Test
	void targetPrefixFilterMatchesSubpathsOnly() {
		this.transactions.executeWithoutResult((tx) -> {
			this.trail.record(AuditEntry.of(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
				.target("project", 11, "platform/backend/api")
				.build());
			this.trail.record(AuditEntry.of(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, AuditActor.SYSTEM)
				.target("project", 13, "platform/frontend/web")
				.build());
		});
		String page = this.dave.get("/audit?action=token.revoked&target=platform/backend").body();
		assertThat(page).contains("platform/backend/api").doesNotContain(">platform/frontend/web<");
	}

	@Test
	void jsonLinesExportCarriesEveryFieldAsHashed() throws Exception {
		PortalHttp.Response export = this.dave.get("/audit/export.jsonl?actor=dave");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Disposition")).contains("audit.jsonl");
		List<String> lines = export.body().lines().toList();
		assertThat(lines).isNotEmpty();
		for (String line : lines) {
			JsonNode row = JSON.readTree(line);
			AuditEvent event = this.jdbc.queryForObject("select * from audit_event where seq = ?",
					AuditTrail.ROW_MAPPER, row.get("seq").asLong());
			assertThat(row.get("hash").asString()).isEqualTo(event.hash());
			assertThat(row.get("hash_alg").asString()).isEqualTo("hmac-sha256");
			assertThat(hmacSha256(String.valueOf(this.properties.chainKey()), canonicalFromExport(row)))
				.isEqualTo(event.hash());
		}
	}

	@Test
	void fullExportPassesTheOfflineVerifierAndATamperedOneFails(@TempDir Path dir) throws Exception {
		Path export = dir.resolve("audit.jsonl");
		Files.writeString(export, this.dave.get("/audit/export.jsonl").body());
		String key = String.valueOf(this.properties.chainKey());
		AuditExportScriptTests.Result intact = AuditExportScriptTests.verify(export, key);
		assertThat(intact.exitCode()).as(intact.output()).isZero();
		assertThat(intact.output()).startsWith("OK: ");
		AuditExportScriptTests.Result wrongKey = AuditExportScriptTests.verify(export,
				"not-the-audit-key-0123456789abcdef");
		assertThat(wrongKey.exitCode()).isNotZero();
		assertThat(wrongKey.output()).contains("event 1: its fields do not hash", "PORTAL_AUDIT_KEY is not the key");
		AuditExportScriptTests.Result noKey = AuditExportScriptTests.verify(export, null);
		assertThat(noKey.exitCode()).isNotZero();
		assertThat(noKey.output()).contains("set PORTAL_AUDIT_KEY");
		List<String> lines = Files.readAllLines(export);
		tools.jackson.databind.node.ObjectNode second = (tools.jackson.databind.node.ObjectNode) JSON
			.readTree(lines.get(1));
		second.put("outcome", "SUCCESS".equals(second.get("outcome").asString()) ? "DENIED" : "SUCCESS");
		lines.set(1, JSON.writeValueAsString(second));
		Path tampered = dir.resolve("tampered.jsonl");
		Files.write(tampered, lines);
		AuditExportScriptTests.Result broken = AuditExportScriptTests.verify(tampered, key);
		assertThat(broken.exitCode()).isNotZero();
		assertThat(broken.output()).contains("event 2: its fields do not hash");
	}

	@Test
	void csvExportIsStreamedWithAHeaderAndGuardsFormulas() {
		this.transactions.executeWithoutResult((tx) -> this.trail
			.record(AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(98, "=cmd"))
				.build()));
		PortalHttp.Response export = this.dave.get("/audit/export.csv?actor=%3Dcmd");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Type")).startsWith("text/csv");
		List<String> lines = export.body().lines().toList();
		assertThat(lines.get(0)).startsWith("seq,event_id,occurred_at,actor_id,actor_username");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).contains(",\"'=cmd\",");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'audit.exported' and actor_username = 'dave'",
				Integer.class))
			.isPositive();
	}

	@Test
	void everyTextCellOfTheCsvExportIsGuardedClientIpIncluded() {
		org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
		request.setRemoteAddr("=1+2");
		request.addHeader("User-Agent", "\t=HYPERLINK(\"x\")");
		org.springframework.web.context.request.RequestContextHolder
			.setRequestAttributes(new org.springframework.web.context.request.ServletRequestAttributes(request));
		org.slf4j.MDC.put("correlationId", "@SUM(1)");
		try {
			this.transactions.executeWithoutResult((tx) -> this.trail
				.record(AuditEntry.of(AuditAction.TOKEN_REVOKED, AuditOutcome.SUCCESS, AuditActor.user(97, "+cmd"))
					.target("project", 11, "-2+3")
					.build()));
		}
		finally {
			org.slf4j.MDC.remove("correlationId");
			org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
		}
		List<String> lines = this.dave.get("/audit/export.csv?actor=%2Bcmd").body().lines().toList();
		assertThat(lines).hasSize(2);
		List<String> header = List.of(lines.get(0).split(","));
		List<String> cells = csvCells(lines.get(1));
		assertThat(cells.get(header.indexOf("actor_username"))).isEqualTo("'+cmd");
		assertThat(cells.get(header.indexOf("client_ip"))).isEqualTo("'=1+2");
		assertThat(cells.get(header.indexOf("user_agent"))).isEqualTo("'\t=HYPERLINK(\"x\")");
		assertThat(cells.get(header.indexOf("correlation_id"))).isEqualTo("'@SUM(1)");
		assertThat(cells.get(header.indexOf("target_path"))).isEqualTo("'-2+3");
		for (String cell : cells) {
			assertThat(cell).as("no cell starts a formula")
				.doesNotStartWith("=")
				.doesNotStartWith("+")
				.doesNotStartWith("-")
				.doesNotStartWith("@")
				.doesNotStartWith("\t")
				.doesNotStartWith("\r");
		}
	}

	@Test
	void verificationFromTheStartReportsIntactAndIsRecorded() {
		PortalHttp.Response page = this.dave.get("/audit");
		PortalHttp.Response verified = this.dave.post("/audit/verify",
				Map.of("_csrf", PortalHttp.csrfToken(page.body()), "fromStart", "true"));
		assertThat(verified.status()).isEqualTo(200);
		assertThat(verified.body()).contains("The chain is intact", "Intact up to event");
		assertThat(this.jdbc.queryForObject("select outcome from audit_event where action = 'audit.verified' "
				+ "and actor_username = 'dave' order by seq desc limit 1", String.class))
			.isEqualTo("SUCCESS");
	}

	@Test
	void exportedHeadCanBeCheckedLater() throws Exception {
		JsonNode head = JSON.readTree(this.dave.get("/audit/head").body());
		String csrf = PortalHttp.csrfToken(this.dave.get("/audit").body());
		PortalHttp.Response good = this.dave.post("/audit/verify-head",
				Map.of("_csrf", csrf, "seq", head.get("seq").asString(), "hash", head.get("hash").asString()));
		assertThat(good.body()).contains("The chain is intact");
		PortalHttp.Response forged = this.dave.post("/audit/verify-head",
				Map.of("_csrf", csrf, "seq", head.get("seq").asString(), "hash", "ab".repeat(32)));
		assertThat(forged.body()).contains("The chain is broken", "different hash");
	}

	@Test
	void nonAuditorsAreRefusedAndTheAttemptIsRecorded() {
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs("alice");
		for (String path : new String[] { "/audit", "/audit/export.csv", "/audit/export.jsonl", "/audit/head",
				"/audit/events/1" }) {
			PortalHttp.Response refused = alice.get(path);
			assertThat(refused.status()).as(path).isEqualTo(403);
			assertThat(refused.body()).as(path)
				.contains("<title>Not allowed · Token Portal</title>", "You are not allowed to do that")
				.doesNotContain("seq,");
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from audit_event where action = 'access.denied' "
						+ "and actor_id = ? and details like '%/audit/export.csv%'",
				Integer.class, SandboxSeed.ALICE_ID))
			.isPositive();
	}

	private static String hmacSha256(String key, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** One CSV line's cells, unquoted ({@code ""} inside quotes is one quote). */
	private static List<String> csvCells(String line) {
		List<String> cells = new java.util.ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
				cell.append('"');
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

	private static List<String> rows(String html) {
		return Pattern.compile("<tr data-seq=\"(\\d+)\"").matcher(html).results().map((m) -> m.group(1)).toList();
	}

	/**
	 * The canonical form rebuilt from an exported line alone, as an offline verifier
	 * would.
	 */
	private static String canonicalFromExport(JsonNode row) {
		List<String> fields = List.of("seq", "event_id", "occurred_at", "actor_id", "actor_username", "client_ip",
				"user_agent", "correlation_id", "action", "outcome", "target_type", "target_id", "target_path",
				"request_id", "gitlab_token_id", "token_fingerprint", "details", "prev_hash");
		tools.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
		fields.forEach((field) -> array.add(row.get(field)));
		return JSON.writeValueAsString(array);
	}

}
