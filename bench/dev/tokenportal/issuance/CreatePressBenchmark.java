package dev.tokenportal.issuance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.TokenPortalApplication;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Create token press under load: 20 requesters, 20 different people (so no per-user
 * limit or cache serialises them), press at the same moment, each on their own approved
 * request, against the GitLab sandbox; compared with one press at a time and with the
 * sandbox's own create time for 20 concurrent direct calls. Each round checks that every
 * request got exactly one token. The portal's CPU per press is the CPU of its request
 * threads (Tomcat's) during the concurrent presses, and of the whole process less the
 * sandbox's and this benchmark's own threads. Run with
 * {@code bench/run-create-benchmark.sh}; not part of the test suite.
 *
 * @author Token Portal team
 */
public final class CreatePressBenchmark {

	private static final int REQUESTERS = 20;

	private static final int ROUNDS = Integer.getInteger("rounds", 10);

	/** Added to every GitLab call: a real GitLab answers in 50-300 ms. */
	private static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("latency", 0));

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		GitLabSandbox sandbox = GitLabSandboxConfiguration.sharedSandbox();
		slow(sandbox);
		List<String> arguments = new ArrayList<>(Arrays.asList(GitLabSandboxConfiguration.portalArguments(sandbox)));
		arguments.addAll(List.of("--server.port=0", "--portal.jobs.enabled=false",
				// as production: appends take no lock, the sequencer (off here with the
				// other jobs) seals later; the test classpath's config seals inline
				"--portal.audit.seal-inline=false",
				"--logging.level.root=WARN", "--spring.main.banner-mode=off",
				// each requester makes a token per round and the first one 40 more alone:
				// the limits stay on (each press still takes from its bucket in PostgreSQL)
				// but never refuse
				"--portal.limits.open-requests-per-user=1000000", "--portal.limits.tokens-per-user-per-hour=1000000"));
		ConfigurableApplicationContext portal = SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(arguments.toArray(String[]::new))
			.getApplicationContext();
		int port = Integer.parseInt(portal.getEnvironment().getProperty("local.server.port"));
		TokenRequestService requests = portal.getBean(TokenRequestService.class);
		List<CurrentUser> people = new ArrayList<>();
		for (int i = 0; i < REQUESTERS; i++) {
			String username = String.format("requester-%02d", i + 1);
			people.add(new CurrentUser(FIRST_REQUESTER_ID + i, username, "Requester " + (i + 1), null,
					Set.of(PortalRole.USER)));
		}
		addRequesters(sandbox, people);
		List<PortalHttp> browsers = new ArrayList<>();
		List<String> csrf = new ArrayList<>();
		for (int i = 0; i < REQUESTERS; i++) {
			PortalHttp browser = new PortalHttp(port);
			browser.loginAs(people.get(i).username());
			csrf.add(PortalHttp.csrfToken(browser.get("/").body()));
			browsers.add(browser);
		}
		ExecutorService pool = Executors.newFixedThreadPool(REQUESTERS);
		List<Long> press = new ArrayList<>();
		List<Long> direct = new ArrayList<>();
		ThreadCpu cpu = new ThreadCpu();
		LockWaits lockWaits = new LockWaits(portal.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
		for (int round = 0; round <= ROUNDS; round++) {
			List<TokenRequest> approved = new ArrayList<>();
			for (int i = 0; i < REQUESTERS; i++) {
				approved.add(requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID,
						"bench " + round + "-" + i, null, List.of("read_api"), 20,
						LocalDate.now(ZoneOffset.UTC).plusDays(30), "benchmark", null), people.get(i)));
			}
			Map<String, Long> cpuBefore = cpu.snapshot();
			lockWaits.start();
			List<Long> pressRound = concurrently(pool, REQUESTERS, (i) -> {
				PortalHttp.Response created = browsers.get(i)
					.post("/requests/" + approved.get(i).getId() + "/create", Map.of("_csrf", csrf.get(i)));
				if (created.status() != 200) {
					throw new IllegalStateException("press answered " + created.status());
				}
				return null;
			});
			if (round > 0) {
				cpu.add(cpuBefore, cpu.snapshot());
			}
			lockWaits.stop();
			for (int i = 0; i < REQUESTERS; i++) {
				String name = approved.get(i).gitlabName();
				int made = sandbox.state().tokensNamed(name).size();
				if (made != 1) {
					fail("request " + name + " got " + made + " tokens");
				}
			}
			List<Long> directRound = concurrently(pool, REQUESTERS, (i) -> {
				directCreate(sandbox, i);
				return null;
			});
			if (round > 0) {
				press.addAll(pressRound);
				direct.addAll(directRound);
			}
			sandbox.reset();
			addRequesters(sandbox, people);
			slow(sandbox);
		}
		List<Long> alone = new ArrayList<>();
		for (int i = 0; i < REQUESTERS * 2; i++) {
			TokenRequest one = requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID,
					"bench alone " + i, null, List.of("read_api"), 20, LocalDate.now(ZoneOffset.UTC).plusDays(30),
					"benchmark", null), people.get(0));
			long begin = System.nanoTime();
			PortalHttp.Response created = browsers.get(0).post("/requests/" + one.getId() + "/create",
					Map.of("_csrf", csrf.get(0)));
			if (created.status() != 200) {
				throw new IllegalStateException("press answered " + created.status());
			}
			if (i >= REQUESTERS) {
				alone.add((System.nanoTime() - begin) / 1_000);
			}
		}
		pool.shutdown();
		System.out.printf("One requester at a time (after %d warm-up presses):%n", REQUESTERS);
		System.out.printf("  portal press, no concurrency:                       %s%n", stats(alone));
		System.out.printf("Create token press, %d concurrent requesters x %d rounds (after 1 warm-up round):%n",
				REQUESTERS, ROUNDS);
		System.out.printf("  portal press (HTTP POST -> GitLab create -> page):  %s%n", stats(press));
		System.out.printf("  sandbox create alone (direct POST, service token):  %s%n", stats(direct));
		System.out.printf("GitLab latency %d ms: concurrent press median / single press median = %.2fx%n",
				LATENCY.toMillis(), (double) median(press) / median(alone));
		System.out.printf("Lock waits seen in PostgreSQL during the concurrent presses (sampled every 10 ms): "
				+ "%d on audit statements, %d in all; longest lock-waiting statement: %s%n", lockWaits.audit,
				lockWaits.all, lockWaits.example);
		System.out.printf("Portal CPU per concurrent press: request threads %.1f ms, whole process less sandbox and "
				+ "benchmark threads %.1f ms (%d presses)%n", cpu.requestThreadsMs() / press.size(),
				cpu.portalMs() / press.size(), press.size());
		portal.close();
		System.exit(0);
	}

	/** Stops the benchmark, whose pools would otherwise keep the JVM running. */
	private static void fail(String why) {
		System.err.println(why);
		System.exit(1);
	}

	/** Above the seed's users and the bots its tokens make, so they keep their ids. */
	private static final long FIRST_REQUESTER_ID = 9001;

	/** The requesters as GitLab users, Developers of the API's group (as Alice is). */
	private static void addRequesters(GitLabSandbox sandbox, List<CurrentUser> people) {
		for (CurrentUser person : people) {
			sandbox.state().addUser(person.gitlabUserId(), person.username(), person.name());
			sandbox.state().addMember("platform/backend", person.username(), 30);
		}
	}

	/**
	 * CPU time of the JVM's threads between snapshots, by who spent it: Tomcat's request
	 * threads, and the process less the sandbox's and this benchmark's threads (its press
	 * pool and the JDK HTTP clients' threads, the portal's GitLab client's among them, so
	 * that figure is a little low); it includes the portal's pools, GC and JIT.
	 */
	private static final class ThreadCpu {

		private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory
			.getThreadMXBean();

		private final com.sun.management.OperatingSystemMXBean process = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();

		private long requestNanos;

		private long portalNanos;

		Map<String, Long> snapshot() {
			Map<String, Long> byKind = new java.util.HashMap<>();
			for (java.lang.management.ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds())) {
				if (info == null) {
					continue;
				}
				long nanos = this.threads.getThreadCpuTime(info.getThreadId());
				if (nanos > 0) {
					byKind.merge(kind(info.getThreadName()), nanos, Long::sum);
				}
			}
			byKind.put("process", this.process.getProcessCpuTime());
			return byKind;
		}

		private static String kind(String name) {
			if (name.startsWith("http-nio-")) {
				return "request";
			}
			if (name.startsWith("gitlab-sandbox-") || name.startsWith("pool-") || name.startsWith("HttpClient-")) {
				return "outside";
			}
			return "other";
		}

		void add(Map<String, Long> before, Map<String, Long> after) {
			long request = after.getOrDefault("request", 0L) - before.getOrDefault("request", 0L);
			long outside = after.getOrDefault("outside", 0L) - before.getOrDefault("outside", 0L);
			this.requestNanos += request;
			this.portalNanos += after.get("process") - before.get("process") - outside;
		}

		double requestThreadsMs() {
			return this.requestNanos / 1e6;
		}

		double portalMs() {
			return this.portalNanos / 1e6;
		}

	}

	/**
	 * Samples PostgreSQL's sessions during the presses for any waiting on a lock (an
	 * advisory lock, a row lock), so that "no press waits on an audit lock" is measured.
	 */
	private static final class LockWaits {

		private final org.springframework.jdbc.core.JdbcTemplate jdbc;

		private volatile boolean running;

		private Thread sampler;

		long audit;

		long all;

		String example = "none";

		LockWaits(org.springframework.jdbc.core.JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		void start() {
			this.running = true;
			this.sampler = new Thread(() -> {
				while (this.running) {
					for (String query : this.jdbc.queryForList("select query from pg_stat_activity "
							+ "where wait_event_type = 'Lock' and pid <> pg_backend_pid()", String.class)) {
						this.all++;
						if (query.toLowerCase(java.util.Locale.ROOT).contains("audit")) {
							this.audit++;
						}
						this.example = query.strip().replaceAll("\\s+", " ");
					}
					try {
						Thread.sleep(10);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "pool-lock-sampler");
			this.sampler.start();
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.sampler.join();
		}

	}

	private static void directCreate(GitLabSandbox sandbox, int i) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(sandbox.baseUrl() + "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens"))
			.header("PRIVATE-TOKEN", SandboxSeed.SERVICE_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"direct " + i + "\",\"scopes\":[\"read_api\"],"
					+ "\"access_level\":20,\"expires_at\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"}"))
			.build();
		HttpResponse<Void> response = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("sandbox create answered " + response.statusCode());
		}
	}

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private interface Press {

		Void run(int index) throws Exception;

	}

	private static List<Long> concurrently(ExecutorService pool, int count, Press press) throws Exception {
		CyclicBarrier start = new CyclicBarrier(count);
		List<Future<Long>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			Callable<Long> timed = () -> {
				start.await();
				long begin = System.nanoTime();
				press.run(index);
				return (System.nanoTime() - begin) / 1_000;
			};
			futures.add(pool.submit(timed));
		}
		List<Long> micros = new ArrayList<>();
		for (Future<Long> future : futures) {
			micros.add(future.get());
		}
		return micros;
	}

	private static void slow(GitLabSandbox sandbox) {
		if (!LATENCY.isZero()) {
			sandbox.faults().on("*", "/api/v4/**").delay(LATENCY);
		}
	}

	private static long median(List<Long> micros) {
		return micros.stream().mapToLong(Long::longValue).sorted().toArray()[micros.size() / 2];
	}

	private static String stats(List<Long> micros) {
		long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
		return String.format("n=%d  median %.1f ms  p95 %.1f ms  max %.1f ms", sorted.length,
				sorted[sorted.length / 2] / 1000.0, sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1000.0,
				sorted[sorted.length - 1] / 1000.0);
	}

}
