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
 * The Create token press under load: 20 requesters press at the same moment, each on their
 * own approved request, against the GitLab sandbox; compared with the sandbox's own create
 * time for 20 concurrent direct calls. Run with {@code bench/run-create-benchmark.sh}; not
 * part of the test suite.
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
				// one requester makes every token here: the limits stay on (each press still
				// takes from its bucket in PostgreSQL) but never refuse
				"--portal.limits.open-requests-per-user=1000000", "--portal.limits.tokens-per-user-per-hour=1000000"));
		ConfigurableApplicationContext portal = SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(arguments.toArray(String[]::new))
			.getApplicationContext();
		int port = Integer.parseInt(portal.getEnvironment().getProperty("local.server.port"));
		TokenRequestService requests = portal.getBean(TokenRequestService.class);
		CurrentUser alice = new CurrentUser(SandboxSeed.ALICE_ID, "alice", "Alice Developer", null, Set.of(PortalRole.USER));
		List<PortalHttp> browsers = new ArrayList<>();
		List<String> csrf = new ArrayList<>();
		for (int i = 0; i < REQUESTERS; i++) {
			PortalHttp browser = new PortalHttp(port);
			browser.loginAs("alice");
			csrf.add(PortalHttp.csrfToken(browser.get("/").body()));
			browsers.add(browser);
		}
		ExecutorService pool = Executors.newFixedThreadPool(REQUESTERS);
		List<Long> press = new ArrayList<>();
		List<Long> direct = new ArrayList<>();
		for (int round = 0; round <= ROUNDS; round++) {
			List<TokenRequest> approved = new ArrayList<>();
			for (int i = 0; i < REQUESTERS; i++) {
				approved.add(requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID,
						"bench " + round + "-" + i, null, List.of("read_api"), 20,
						LocalDate.now(ZoneOffset.UTC).plusDays(30), "benchmark", null), alice));
			}
			List<Long> pressRound = concurrently(pool, REQUESTERS, (i) -> {
				PortalHttp.Response created = browsers.get(i)
					.post("/requests/" + approved.get(i).getId() + "/create", Map.of("_csrf", csrf.get(i)));
				if (created.status() != 200) {
					throw new IllegalStateException("press answered " + created.status());
				}
				return null;
			});
			List<Long> directRound = concurrently(pool, REQUESTERS, (i) -> {
				directCreate(sandbox, i);
				return null;
			});
			if (round > 0) {
				press.addAll(pressRound);
				direct.addAll(directRound);
			}
			sandbox.reset();
			slow(sandbox);
		}
		List<Long> alone = new ArrayList<>();
		for (int i = 0; i < REQUESTERS * 2; i++) {
			TokenRequest one = requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID,
					"bench alone " + i, null, List.of("read_api"), 20, LocalDate.now(ZoneOffset.UTC).plusDays(30),
					"benchmark", null), alice);
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
		portal.close();
		System.exit(0);
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
