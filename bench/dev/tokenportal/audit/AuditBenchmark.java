package dev.tokenportal.audit;

import java.io.OutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenportal.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail at a million events, on an embedded PostgreSQL: append throughput (one
 * and eight writers), search p50/p95 for typical filters, export time and peak heap next to
 * PostgreSQL's own COPY of the same rows, and verification time. Run with
 * {@code bench/run-audit-benchmark.sh}; not part of the test suite.
 *
 * @author Token Portal team
 */
public final class AuditBenchmark {

	private static final int EVENTS = Integer.getInteger("events", 1_000_000);

	private static final String[] ACTIONS = Arrays.stream(AuditAction.values()).map(AuditAction::key).toArray(String[]::new);

	private static final AuditProperties PROPERTIES = new AuditProperties("bench-fingerprint-key-0123456789abcdef",
			"bench-audit-chain-key-0123456789abcdef");

	private static final AuditChain CHAIN = new AuditChain(PROPERTIES);

	/** The lock every append took before the chain was sealed off the hot path. */
	private static final long OLD_CHAIN_LOCK = 0x746f6b656e4175L;

	/** Milliseconds of other work an action does in its transaction after appending. */
	private static final double WORK_MS = Double.parseDouble(System.getProperty("workMs", "2"));

	private static final String[] OUTCOMES = { "SUCCESS", "SUCCESS", "SUCCESS", "FAILURE", "DENIED" };

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		String url = EmbeddedPostgres.newDatabase("bench");
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(10);
		try (HikariDataSource dataSource = new HikariDataSource(config)) {
			Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
				.placeholders(Map.of("runtime-role", "portal_app")).load().migrate();
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			DataSourceTransactionManager txManager = new DataSourceTransactionManager(dataSource);
			TransactionTemplate tx = new TransactionTemplate(txManager);
			Clock clock = Clock.systemUTC();
			AuditSequencer sequencer = new AuditSequencer(jdbc, CHAIN, txManager);
			AuditTrail trail = new AuditTrail(jdbc, CHAIN, clock, sequencer, PROPERTIES);
			print("PostgreSQL " + jdbc.queryForObject("show server_version", String.class) + ", Java "
					+ System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
					+ " cores, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
			appendThroughput(trail, sequencer, jdbc, tx);
			if ("append".equals(System.getProperty("mode"))) {
				return;
			}
			sequencer.sealPending();
			long start = System.nanoTime();
			load(dataSource, jdbc, (int) (EVENTS - headOf(jdbc)));
			jdbc.execute("analyze audit_event");
			print(String.format("loaded to %,d events in %.1f s (COPY, hashes computed in Java)", headOf(jdbc),
					seconds(start)));
			AuditVerifier verifier = new AuditVerifier(jdbc, CHAIN, clock);
			AuditLogService service = new AuditLogService(jdbc, trail, verifier, new AuditCheckpoints(jdbc, CHAIN),
					sequencer, txManager, clock);
			search(service, jdbc);
			export(service, dataSource);
			start = System.nanoTime();
			VerificationResult result = verifier.verify(0, AuditChain.GENESIS);
			print(String.format("verification of the whole chain: %s, %,d events in %.1f s (%,.0f events/s)",
					result.summary(), result.eventsChecked(), seconds(start),
					result.eventsChecked() / seconds(start)));
		}
	}

	/**
	 * Appends per second with 1 and 8 writers, as the trail appended before (a chain lock
	 * held until commit, the head read and the seal computed in the append) and as it
	 * appends now (a leaf, sealed by the sequencer running beside the writers on its
	 * schedule), each once with nothing else in the transaction and once with
	 * {@code workMs} of other work after the append, as an action has (the lock is held
	 * through it). The new rate counts an event once it is sealed.
	 */
	private static void appendThroughput(AuditTrail trail, AuditSequencer sequencer, JdbcTemplate jdbc,
			TransactionTemplate tx) throws Exception {
		int total = Integer.getInteger("appends", 4_000);
		print(String.format("append rate (%,d events per run, one transaction each; events/s):", total));
		print(String.format("  %-44s %10s %10s %10s", "", "1 writer", "8 writers", "8 / 1"));
		for (double work : new double[] { 0, WORK_MS }) {
			String suffix = (work > 0) ? String.format(" + %.0f ms work in tx", work) : "";
			Appender old = (entry) -> tx.executeWithoutResult((status) -> {
				appendAsBefore(jdbc, entry);
				work(jdbc, work);
			});
			Appender leaf = (entry) -> tx.executeWithoutResult((status) -> {
				trail.record(entry);
				work(jdbc, work);
			});
			double[] before = { rate(old, 1, total, null), rate(old, 8, total, null) };
			double[] now = { rate(leaf, 1, total, sequencer), rate(leaf, 8, total, sequencer) };
			print(String.format("  %-44s %,10.0f %,10.0f %9.1fx", "before (chain lock)" + suffix, before[0], before[1],
					before[1] / before[0]));
			print(String.format("  %-44s %,10.0f %,10.0f %9.1fx", "now (leaf + sequencer)" + suffix, now[0], now[1],
					now[1] / now[0]));
			print(String.format("  %-44s %9.1fx %9.1fx", "now / before" + suffix, now[0] / before[0], now[1] / before[1]));
		}
		VerificationResult result = new AuditVerifier(jdbc, CHAIN, Clock.systemUTC()).verify(0, AuditChain.GENESIS);
		print("  the chain after all runs: " + result.summary() + ", " + result.awaitingSealing() + " awaiting sealing");
	}

	/** Events per second until every one is appended, and sealed when a sequencer runs. */
	private static double rate(Appender appender, int threads, int total, AuditSequencer sequencer) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		java.util.concurrent.atomic.AtomicBoolean appending = new java.util.concurrent.atomic.AtomicBoolean(true);
		List<Future<?>> writers = new ArrayList<>();
		long start = System.nanoTime();
		Future<?> sealer = (sequencer == null) ? null : pool.submit(() -> {
			// the schedule's pace (portal.audit.seal-every), seen from the writers' side
			long every = PROPERTIES.sealEvery().toMillis();
			while (appending.get()) {
				sequencer.sealPending();
				Thread.sleep(every);
			}
			return null;
		});
		for (int t = 0; t < threads; t++) {
			writers.add(pool.submit(() -> {
				for (int i = 0; i < total / threads; i++) {
					appender.append(sampleEntry(i));
				}
				return null;
			}));
		}
		for (Future<?> writer : writers) {
			writer.get();
		}
		double appended = seconds(start);
		appending.set(false);
		if (sealer != null) {
			sealer.get();
			sequencer.sealPending();
		}
		pool.shutdown();
		double sealed = seconds(start);
		if (sequencer != null) {
			print(String.format("    (%d writer(s): appended in %.2f s, all sealed %.0f ms later)", threads, appended,
					(sealed - appended) * 1000));
		}
		return total / appended;
	}

	/** The append as it was: one appender at a time, the lock held until commit. */
	private static void appendAsBefore(JdbcTemplate jdbc, AuditEntry entry) {
		jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, OLD_CHAIN_LOCK);
		List<Map<String, Object>> head = jdbc
			.queryForList("select seq, hash from audit_event where seq is not null order by seq desc limit 1");
		long seq = head.isEmpty() ? 1 : ((Number) head.get(0).get("seq")).longValue() + 1;
		String prev = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0).get("hash");
		AuditEvent event = new AuditEvent(seq, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
				entry.actor().gitlabUserId(), entry.actor().username(), null, null, null, entry.action().key(),
				entry.outcome().name(), entry.targetType(), entry.targetId(), entry.targetPath(), entry.requestId(),
				null, null, AuditChain.canonicalDetails(entry.details()), prev, "", AuditChain.KEYED, 0);
		jdbc.update("insert into audit_event (seq, event_id, occurred_at, actor_id, actor_username, action, outcome, "
				+ "target_type, target_id, target_path, request_id, details, prev_hash, hash, hash_alg) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, event.eventId(),
				java.sql.Timestamp.from(event.occurredAt()), event.actorId(), event.actorUsername(), event.action(),
				event.outcome(), event.targetType(), event.targetId(), event.targetPath(), event.requestId(),
				event.details(), prev, CHAIN.seal(event), AuditChain.KEYED);
	}

	private static void work(JdbcTemplate jdbc, double millis) {
		if (millis > 0) {
			jdbc.queryForObject("select pg_sleep(?)", Object.class, millis / 1000);
		}
	}

	private interface Appender {

		void append(AuditEntry entry);

	}

	private static AuditEntry sampleEntry(int i) {
		return AuditEntry.of(AuditAction.REQUEST_SUBMITTED, AuditOutcome.SUCCESS, AuditActor.user(1000 + i % 500, "user" + i % 500))
			.target("project", 10_000 + i % 2000, "group-" + (i % 40) + "/team-" + (i % 200) + "/project-" + (i % 2000))
			.request(UUID.randomUUID())
			.detail("scopes", "read_api")
			.build();
	}

	/** Appends generated, correctly chained events with COPY, in batches. */
	private static void load(HikariDataSource dataSource, JdbcTemplate jdbc, int count) throws Exception {
		Map<String, Object> head = jdbc
			.queryForMap("select seq, hash, occurred_at from audit_event where seq is not null order by seq desc limit 1");
		long seq = ((Number) head.get("seq")).longValue();
		String prev = (String) head.get("hash");
		Random random = new Random(42);
		Instant time = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.MICROS);
		long stepMicros = Duration.ofDays(400).toNanos() / 1000 / Math.max(count, 1);
		int batch = 50_000;
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			StringBuilder rows = new StringBuilder();
			for (int i = 0; i < count; i++) {
				seq++;
				time = time.plus(stepMicros, ChronoUnit.MICROS);
				int user = random.nextInt(500);
				int project = random.nextInt(2000);
				String target = "group-" + (project % 40) + "/team-" + (project % 200) + "/project-" + project;
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("scopes", "read_api");
				details.put("n", i);
				AuditEvent event = new AuditEvent(seq, UUID.randomUUID(), time, 1000L + user, "user" + user, "10.0.0." + user % 250,
						"Mozilla/5.0 bench", UUID.randomUUID().toString(), ACTIONS[random.nextInt(ACTIONS.length)],
						OUTCOMES[random.nextInt(OUTCOMES.length)], "project", 10_000L + project, target, UUID.randomUUID(),
						(long) random.nextInt(1_000_000), null, AuditChain.canonicalDetails(details), prev, "", AuditChain.KEYED, 0);
				String hash = CHAIN.seal(event);
				prev = hash;
				rows.append(event.seq()).append('\t').append(event.eventId()).append('\t')
					.append(DateTimeFormatter.ISO_INSTANT.format(event.occurredAt())).append('\t').append(event.actorId())
					.append('\t').append(event.actorUsername()).append('\t').append(event.clientIp()).append('\t')
					.append(event.userAgent()).append('\t').append(event.correlationId()).append('\t')
					.append(event.action()).append('\t').append(event.outcome()).append('\t').append(event.targetType())
					.append('\t').append(event.targetId()).append('\t').append(event.targetPath()).append('\t')
					.append(event.requestId()).append('\t').append(event.gitlabTokenId()).append("\t\\N\t")
					.append(event.details()).append('\t').append(event.prevHash()).append('\t').append(hash).append("\thmac-sha256\n");
				if ((i + 1) % batch == 0 || i == count - 1) {
					copy.copyIn("copy audit_event (seq, event_id, occurred_at, actor_id, actor_username, client_ip, "
							+ "user_agent, correlation_id, action, outcome, target_type, target_id, target_path, "
							+ "request_id, gitlab_token_id, token_fingerprint, details, prev_hash, hash, hash_alg) from stdin",
							new StringReader(rows.toString()));
					rows.setLength(0);
				}
			}
		}
	}

	private static void search(AuditLogService service, JdbcTemplate jdbc) {
		AuditActor auditor = AuditActor.user(6, "dave");
		Instant lastDay = jdbc.queryForObject("select max(occurred_at) from audit_event", java.sql.Timestamp.class)
			.toInstant()
			.minus(Duration.ofDays(1));
		UUID someRequest = jdbc.queryForObject("select request_id from audit_event where seq = ?", UUID.class, EVENTS / 2);
		Long someToken = jdbc.queryForObject("select gitlab_token_id from audit_event where seq = ?", Long.class,
				EVENTS * 7L / 10);
		Map<String, Supplier<AuditSearch>> filters = new LinkedHashMap<>();
		filters.put("newest page, no filter", () -> AuditSearch.ALL);
		filters.put("actor", () -> new AuditSearch("user42", null, null, null, null, null, null, null, null));
		filters.put("action", () -> new AuditSearch(null, "token.revoked", null, null, null, null, null, null, null));
		filters.put("target path prefix", () -> new AuditSearch(null, null, null, "group-7/team-47", null, null, null, null, null));
		filters.put("request id", () -> new AuditSearch(null, null, null, null, someRequest, null, null, null, null));
		filters.put("GitLab token id", () -> new AuditSearch(null, null, null, null, null, someToken, null, null, null));
		filters.put("actor + last 24 h", () -> new AuditSearch("user42", null, null, null, null, null, lastDay, null, null));
		filters.put("outcome DENIED + action", () -> new AuditSearch(null, "request.approved", "DENIED", null, null, null, null, null, null));
		filters.put("halfway back (keyset)", () -> AuditSearch.ALL.before(EVENTS / 2));
		print("search (AuditLogService.search: query + its own audit event), 50 runs after 10 warm-up:");
		for (Map.Entry<String, Supplier<AuditSearch>> filter : filters.entrySet()) {
			for (int i = 0; i < 10; i++) {
				service.search(filter.getValue().get(), auditor);
			}
			long[] micros = new long[50];
			int found = 0;
			for (int i = 0; i < micros.length; i++) {
				long start = System.nanoTime();
				found = service.search(filter.getValue().get(), auditor).events().size();
				micros[i] = (System.nanoTime() - start) / 1000;
			}
			Arrays.sort(micros);
			print(String.format("  %-28s p50 %6.1f ms  p95 %6.1f ms  (%d rows)", filter.getKey(), micros[24] / 1000.0,
					micros[47] / 1000.0, found));
		}
	}

	private static void export(AuditLogService service, HikariDataSource dataSource) throws Exception {
		AuditActor auditor = AuditActor.user(6, "dave");
		for (AuditExport format : AuditExport.values()) {
			CountingStream out = new CountingStream();
			resetPeaks();
			System.gc();
			long start = System.nanoTime();
			service.export(AuditSearch.ALL, format, out, auditor);
			double took = seconds(start);
			print(String.format("export %-5s: %,d bytes in %.1f s (%,.0f rows/s), peak heap %,d MiB", format.extension(),
					out.count, took, EVENTS / took, peakHeap() / (1024 * 1024)));
		}
		CountingStream out = new CountingStream();
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyOut("copy (select * from audit_event order by seq) to stdout", out);
		}
		double took = seconds(start);
		print(String.format("PostgreSQL COPY ... TO STDOUT (text) of the same rows: %,d bytes in %.1f s (%,.0f rows/s)",
				out.count, took, EVENTS / took));
		out = new CountingStream();
		start = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyOut("copy (select * from audit_event order by seq) to stdout with (format csv, header)", out);
		}
		took = seconds(start);
		print(String.format("PostgreSQL COPY ... TO STDOUT (csv) of the same rows: %,d bytes in %.1f s (%,.0f rows/s)",
				out.count, took, EVENTS / took));
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	private static long headOf(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static void print(String line) {
		System.out.println(line);
	}

	private static final class CountingStream extends OutputStream {

		long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
