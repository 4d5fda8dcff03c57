package dev.tokenportal.approvals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gitlabsandbox.AccessLevels;
import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.PortalCachesTestExecutionListener;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.TokenPortalApplication;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;

import org.springframework.boot.SpringApplication;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * GitLab calls per page view as what an Owner owns grows: erin owns a group of 1, 100,
 * 1,000 and 5,000 projects, alice waits for her decision on one of them, and erin views
 * /approvals, / and /requests/new, each first with the portal's caches empty (cold) and
 * then again at once (warm). Counted by the GitLab sandbox. Run with
 * {@code bench/run-calls-benchmark.sh}; not part of the test suite.
 *
 * @author Token Portal team
 */
public final class CallsPerPageBenchmark {

	private static final List<String> PAGES = List.of("/approvals", "/", "/requests/new");

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		int[] sizes = Arrays.stream(System.getProperty("owned", "1,100,1000,5000").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		GitLabSandbox sandbox = GitLabSandboxConfiguration.sharedSandbox();
		List<String> arguments = new ArrayList<>(Arrays.asList(GitLabSandboxConfiguration.portalArguments(sandbox)));
		arguments.addAll(List.of("--server.port=0", "--portal.jobs.enabled=false", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--portal.limits.open-requests-per-user=1000000"));
		ConfigurableApplicationContext portal = SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(arguments.toArray(String[]::new))
			.getApplicationContext();
		int port = Integer.parseInt(portal.getEnvironment().getProperty("local.server.port"));
		TokenRequestService requests = portal.getBean(TokenRequestService.class);
		List<CacheManager> caches = portal.getBeanProvider(CacheManager.class).stream().toList();
		CurrentUser alice = new CurrentUser(SandboxSeed.ALICE_ID, "alice", "Alice Developer", null,
				Set.of(PortalRole.USER));
		System.out.printf("GitLab calls per page view, erin an Owner of N projects (cold = caches empty, "
				+ "warm = same page again at once)%n");
		System.out.printf("%8s  %-16s %6s %6s%n", "owned", "page", "cold", "warm");
		for (int owned : sizes) {
			sandbox.reset();
			sandbox.state().addGroupWithProjects("fleet", owned);
			sandbox.state().addMember("fleet", SandboxSeed.ERIN, AccessLevels.OWNER);
			sandbox.state().addMember("fleet", SandboxSeed.ALICE, AccessLevels.DEVELOPER);
			long first = sandbox.state().projectByPath("fleet/project-1").orElseThrow().id();
			requests.submit(new NewTokenRequest(GitLabResource.PROJECT, first, "bench " + owned, null,
					List.of("api"), 30, LocalDate.now(ZoneOffset.UTC).plusDays(30), "benchmark", null), alice);
			PortalHttp erin = new PortalHttp(port);
			erin.loginAs(SandboxSeed.ERIN);
			Map<String, int[]> calls = new LinkedHashMap<>();
			for (String page : PAGES) {
				PortalCachesTestExecutionListener.clear(caches);
				calls.put(page, new int[] { view(sandbox, erin, page), view(sandbox, erin, page) });
			}
			calls.forEach((page, counts) -> System.out.printf("%8d  %-16s %6d %6d%n", owned, page, counts[0],
					counts[1]));
		}
		portal.close();
		System.exit(0);
	}

	private static int view(GitLabSandbox sandbox, PortalHttp browser, String page) {
		sandbox.faults().clearCalls();
		PortalHttp.Response response = browser.get(page);
		if (response.status() != 200) {
			throw new IllegalStateException(page + " answered " + response.status());
		}
		return sandbox.faults().calls().size();
	}

}
