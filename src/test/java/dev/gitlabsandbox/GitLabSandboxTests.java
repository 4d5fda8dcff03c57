package dev.gitlabsandbox;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox's lifecycle and public API: start, reset, concurrency, close.
 *
 * @author Token Portal team
 */
class GitLabSandboxTests {

	private static final String API_TOKENS = "/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void startsOnAFreePortWithLocalhostAsBaseUrl() {
		assertThat(sandbox.gitlab().port()).isPositive();
		assertThat(sandbox.gitlab().baseUrl()).isEqualTo("http://localhost:" + sandbox.gitlab().port());
	}

	@Test
	void seedHasTheDocumentedUsersGroupsAndProjects() {
		SandboxState state = sandbox.gitlab().state();
		assertThat(state.userByUsername(SandboxSeed.ERIN).orElseThrow().admin()).isFalse();
		assertThat(state.user(SandboxSeed.SERVICE_ACCOUNT_ID).orElseThrow().admin()).isTrue();
		assertThat(state.groupByPath(SandboxSeed.LEGACY).orElseThrow().tokenCreationAllowed()).isFalse();
		assertThat(state.projectByPath(SandboxSeed.SCRATCH).orElseThrow().personal()).isTrue();
		assertThat(state.projectByPath("platform/backend/service-25").orElseThrow().id())
			.isEqualTo(SandboxSeed.FIRST_SERVICE_PROJECT_ID + 24);
		assertThat(state.effectiveAccess(SandboxSeed.BOB_ID, SourceRef.project(SandboxSeed.WEB_ID))).isEqualTo(50);
		assertThat(state.accessTokens(SandboxSeed.BILLING)).extracting(SandboxToken::id)
			.containsExactly(SandboxSeed.BILLING_DEPLOY_TOKEN_ID);
	}

	@Test
	void resetRestoresSeedSettingsAndClock() {
		sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, Map.of("name", "t", "scopes", List.of("api")));
		sandbox.gitlab().state().addMember(SandboxSeed.SECURITY, SandboxSeed.MALLORY, AccessLevels.OWNER);
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED).maxLifetimeDays(7);
		sandbox.gitlab().state().setClock(Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC));
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(sandbox.gitlab()
			.state()
			.effectiveAccess(SandboxSeed.MALLORY_ID, SourceRef.group(SandboxSeed.SECURITY_ID))).isZero();
		assertThat(sandbox.gitlab().settings().revokeMode()).isEqualTo(SandboxSettings.RevokeMode.LEGACY);
		assertThat(sandbox.gitlab().settings().maxLifetimeDays()).isEqualTo(365);
		assertThat(sandbox.gitlab().state().today()).isAfter(LocalDate.of(2001, 1, 1));
	}

	@Test
	void issuedTokenValuesSurviveResetsAndLeaveOutSeedCredentials() {
		String created = sandbox.client()
			.post(API_TOKENS, SandboxSeed.BOB_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json()
			.get("token")
			.asString();
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().issuedTokenValues()).contains(created).doesNotContain(SandboxSeed.SERVICE_TOKEN);
	}

	@Test
	void stateNeverPrintsSecretValues() {
		String created = sandbox.client()
			.post(API_TOKENS, SandboxSeed.BOB_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json()
			.get("token")
			.asString();
		assertThat(sandbox.gitlab().state().tokens().toString()).doesNotContain(created)
			.doesNotContain(SandboxSeed.BOB_TOKEN);
	}

	@Test
	void twentyParallelCreatesAllSucceedWithDistinctIds() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Callable<SandboxClient.Response>> creates = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				Map<String, Object> request = Map.of("name", "parallel-" + i, "scopes", List.of("api"));
				creates.add(() -> sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, request));
			}
			List<Long> ids = new ArrayList<>();
			for (Future<SandboxClient.Response> response : pool.invokeAll(creates)) {
				assertThat(response.get().status()).isEqualTo(201);
				ids.add(response.get().json().get("id").asLong());
			}
			assertThat(ids).doesNotHaveDuplicates();
			assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.API)).isEqualTo(20);
			assertThat(sandbox.gitlab().faults().calls("POST", "/api/v4/projects/*/access_tokens")).hasSize(20);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void startWithClockTakesTodayFromIt() {
		Clock clock = Clock.fixed(Instant.parse("2031-02-03T04:05:06Z"), ZoneOffset.UTC);
		try (GitLabSandbox fixed = GitLabSandbox.start(0, clock)) {
			assertThat(fixed.state().today()).isEqualTo(LocalDate.of(2031, 2, 3));
			fixed.state().setClock(Clock.systemUTC());
			fixed.reset();
			assertThat(fixed.state().today()).isEqualTo(LocalDate.of(2031, 2, 3));
		}
	}

	@Test
	void closeStopsTheServerAndItsThreads() throws Exception {
		GitLabSandbox other = GitLabSandbox.start(0);
		SandboxClient otherClient = new SandboxClient(other);
		assertThat(otherClient.get("/api/v4/version", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
		String threadPrefix = "gitlab-sandbox-" + other.port() + "-";
		other.close();
		assertThatExceptionOfType(java.io.UncheckedIOException.class)
			.isThrownBy(() -> otherClient.get("/api/v4/version", SandboxSeed.ALICE_TOKEN))
			.withCauseInstanceOf(ConnectException.class);
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith(threadPrefix) && thread.isAlive());
	}

}
