package dev.tokenportal.requests;

import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.TokenPortalApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jpa.repository.Query;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The list pages with {@code rows} rows each: alice has that many requests (most of them
 * issued once), carol's approval queue holds that many pending requests, and the
 * auditors' inventory that many issued tokens. Each page's first view is timed over HTTP
 * ({@code views} times, after a warm-up), next to {@code /actuator/health} with the same
 * session, and each list's query is shown with EXPLAIN ANALYZE. Run with
 * {@code bench/run-list-benchmark.sh}; not part of the test suite. The same class runs
 * against older code (it only inserts rows and asks pages); the plans are skipped where
 * the queries do not exist.
 *
 * @author Token Portal team
 */
public final class ListBenchmark {

	private static final int ROWS = Integer.getInteger("rows", 5000);

	private static final int VIEWS = Integer.getInteger("views", 200);

	private static final int WARM_UP = 50;

	private static final String[] STATES = { "ISSUED", "ISSUED", "REVOKED", "EXPIRED", "ISSUED", "REJECTED",
			"CANCELLED", "LAPSED", "ISSUED", "REVOKED" };

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		GitLabSandbox sandbox = GitLabSandboxConfiguration.sharedSandbox();
		List<String> arguments = new ArrayList<>(Arrays.asList(GitLabSandboxConfiguration.portalArguments(sandbox)));
		arguments.addAll(List.of("--server.port=0", "--portal.jobs.enabled=false", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--portal.limits.previews-per-user-per-minute=1000000",
				// as in production: the test configuration re-reads templates on every view
				"--spring.thymeleaf.cache=true"));
		ConfigurableApplicationContext portal = SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(arguments.toArray(String[]::new))
			.getApplicationContext();
		int port = Integer.parseInt(portal.getEnvironment().getProperty("local.server.port"));
		JdbcTemplate jdbc = portal.getBean(JdbcTemplate.class);
		long begin = System.nanoTime();
		insert(jdbc);
		jdbc.execute("ANALYZE token_request");
		System.out.printf("Inserted %,d requests in %.1f s%n",
				jdbc.queryForObject("SELECT count(*) FROM token_request", Long.class),
				(System.nanoTime() - begin) / 1e9);
		PortalHttp alice = signedIn(port, "alice");
		PortalHttp carol = signedIn(port, "carol");
		PortalHttp dave = signedIn(port, "dave");
		Map<String, PortalHttp> pages = new LinkedHashMap<>();
		pages.put("/actuator/health", alice);
		pages.put("/requests", alice);
		pages.put("/requests?status=ISSUED&target=api&q=bench", alice);
		pages.put("/tokens", alice);
		pages.put("/approvals", carol);
		pages.put("/approvals?q=bench-9", carol);
		pages.put("/", carol);
		pages.put("/inventory", dave);
		pages.put("/inventory?state=revoked&target=platform", dave);
		// interleaved, so that the machine's other load and the JIT fall on every page alike
		for (int i = 0; i < WARM_UP; i++) {
			pages.forEach((path, browser) -> check(browser.get(path), path));
		}
		Map<String, long[]> timings = new LinkedHashMap<>();
		pages.keySet().forEach((path) -> timings.put(path, new long[VIEWS]));
		for (int i = 0; i < VIEWS; i++) {
			for (Map.Entry<String, PortalHttp> page : pages.entrySet()) {
				long start = System.nanoTime();
				check(page.getValue().get(page.getKey()), page.getKey());
				timings.get(page.getKey())[i] = (System.nanoTime() - start) / 1_000;
			}
		}
		timings.values().forEach(Arrays::sort);
		double trivial = median(timings.get("/actuator/health"));
		System.out.printf("%nFirst page, %,d rows a list, %d views each, pages in turn (after %d warm-up rounds):%n",
				ROWS, VIEWS, WARM_UP);
		System.out.printf("  %-46s %9s %9s %9s %11s %s%n", "page", "median", "p95", "max", "x trivial", "HTML");
		for (Map.Entry<String, long[]> timing : timings.entrySet()) {
			long[] micros = timing.getValue();
			int size = pages.get(timing.getKey()).get(timing.getKey()).body().length();
			System.out.printf("  %-46s %6.1f ms %6.1f ms %6.1f ms %10.1fx %,d B%n", timing.getKey(),
					median(micros) / 1000, micros[(int) Math.ceil(micros.length * 0.95) - 1] / 1000.0,
					micros[micros.length - 1] / 1000.0, median(micros) / trivial, size);
		}
		plans(jdbc);
		portal.close();
		System.exit(0);
	}

	private static void insert(JdbcTemplate jdbc) {
		Instant base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			// alice's own: mostly issued once, some open, some ended; ten share each second
			String status = (i % 50 == 0) ? "PENDING_APPROVAL" : STATES[i % STATES.length];
			rows.add(row(SandboxSeed.ALICE_ID, "alice", status, base.plusSeconds(i / 10), i));
			// waiting for the Owners of platform/backend/api (carol among them)
			rows.add(row(SandboxSeed.BOB_ID, "bob", "PENDING_APPROVAL", base.plusSeconds(i / 10), ROWS + i));
		}
		jdbc.batchUpdate("""
				INSERT INTO token_request (id, short_id, requester_id, requester_username, target_type, target_id,
				  target_path, token_name, scopes, access_level, expires_on, justification, tier, policy_rule,
				  policy_reason, policy_version, required_approvals, status, created_at, updated_at,
				  issued_at, gitlab_token_id, approval_clock_from)
				VALUES (?, ?, ?, ?, 'PROJECT', ?, ?, ?, 'read_api', 20, ?, ?, 'STANDARD', 'standard.default',
				  'the token can write', 1, 1, ?, ?, ?, ?, ?, ?)""", rows);
	}

	private static Object[] row(long requesterId, String requester, String status, Instant at, int i) {
		boolean issued = List.of("ISSUED", "REVOKED", "EXPIRED").contains(status);
		Timestamp when = Timestamp.from(at);
		return new Object[] { UUID.randomUUID(), "b" + i, requesterId, requester, SandboxSeed.API_ID, SandboxSeed.API,
				"bench-" + i, LocalDate.now().plusDays(3 + i % 90),
				"benchmark row " + i + " for the list pages, with a justification of ordinary length", status, when,
				when, issued ? when : null, issued ? 1_000_000L + i : null, null };
	}

	private static PortalHttp signedIn(int port, String username) {
		PortalHttp browser = new PortalHttp(port);
		browser.loginAs(username);
		return browser;
	}

	private static void check(PortalHttp.Response response, String path) {
		if (response.status() != 200) {
			throw new IllegalStateException(path + " answered " + response.status());
		}
	}

	private static double median(long[] sorted) {
		return sorted[sorted.length / 2];
	}

	/**
	 * Each list query with the values a first page uses, as PostgreSQL plans and runs
	 * it.
	 */
	private static void plans(JdbcTemplate jdbc) {
		Map<String, Map<String, String>> queries = new LinkedHashMap<>();
		String newest = "'9999-12-31T00:00:00Z'";
		String maxId = "'ffffffff-ffff-ffff-ffff-ffffffffffff'";
		queries.put("findPageOfRequester",
				Map.of("requester", "3", "statuses", "'ISSUED','REVOKED','EXPIRED'", "target", "'%'", "text", "'%'",
						"afterAt", newest, "afterId", maxId, "limit", "51"));
		queries.put("findPendingOn",
				Map.of("projects", String.valueOf(SandboxSeed.API_ID), "groups", "-1", "viewer", "5", "undecidedOnly",
						"false", "target", "'%'", "text", "'%bench-9%'", "afterAt", "'1970-01-01T00:00:00Z'",
						"afterId", "'00000000-0000-0000-0000-000000000000'", "limit", "51"));
		queries.put("countUndecidedOn",
				Map.of("projects", String.valueOf(SandboxSeed.API_ID), "groups", "-1", "viewer", "5"));
		queries.put("findNewestUndecidedOn",
				Map.of("projects", String.valueOf(SandboxSeed.API_ID), "groups", "-1", "viewer", "5", "limit", "10"));
		queries.put("findIssuedPage", Map.of("statuses", "'ISSUED','REVOKED','EXPIRED'", "pathPattern", "'%'",
				"requester", "''", "afterAt", newest, "afterId", maxId, "limit", "51"));
		queries.put("findWantingAttention", Map.of("requester", "3", "soon", "'" + LocalDate.now().plusDays(7) + "'",
				"limit", "200"));
		for (Map.Entry<String, Map<String, String>> query : queries.entrySet()) {
			String sql = sql(query.getKey());
			if (sql == null) {
				System.out.printf("%n%s: not in this code%n", query.getKey());
				continue;
			}
			for (Map.Entry<String, String> parameter : query.getValue().entrySet()) {
				sql = sql.replaceAll(":" + parameter.getKey() + "\\b", parameter.getValue().replace("$", "\\$"));
			}
			System.out.printf("%n%s:%n", query.getKey());
			jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, String.class)
				.forEach((line) -> System.out.println("  " + line));
		}
	}

	private static String sql(String method) {
		for (Method candidate : TokenRequestRepository.class.getDeclaredMethods()) {
			Query query = candidate.getAnnotation(Query.class);
			if (candidate.getName().equals(method) && query != null) {
				return query.value();
			}
		}
		return null;
	}

}
