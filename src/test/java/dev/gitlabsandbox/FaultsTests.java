package dev.gitlabsandbox;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault injection and the call log.
 *
 * @author Token Portal team
 */
class FaultsTests {

	private static final String CREATE = "/api/v4/projects/*/access_tokens";

	private static final String API_TOKENS = "/api/v4/projects/platform%2Fbackend%2Fapi/access_tokens";

	private static final Map<String, Object> REQUEST = Map.of("name", "t", "scopes", List.of("api"));

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void respondAnswersWithoutPerformingTheAction() {
		sandbox.gitlab().faults().on("POST", CREATE).respond(502, "{\"message\":\"502 Bad Gateway\"}").times(1);
		SandboxClient.Response faulted = sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST);
		assertThat(faulted.status()).isEqualTo(502);
		assertThat(faulted.body()).isEqualTo("{\"message\":\"502 Bad Gateway\"}");
		assertThat(faulted.header("Content-Type")).isEqualTo("application/json");
		assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST).status()).isEqualTo(201);
	}

	@Test
	void dropConnectionAfterActionCreatesTheTokenButSendsNoResponse() {
		sandbox.gitlab().faults().on("POST", CREATE).dropConnectionAfterAction().times(1);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST));
		assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.API)).isOne();
		assertThat(sandbox.gitlab().faults().calls("POST", CREATE)).containsExactly(
				new RecordedCall("POST", API_TOKENS, null, 201, true, Map.of("name", "t", "scopes", "api")));
		assertThat(sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST).status()).isEqualTo(201);
	}

	@Test
	void delayAddsLatencyToMatchingCallsOnly() {
		sandbox.gitlab().faults().on("GET", "/api/v4/version").delay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(sandbox.client().get("/api/v4/version", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
		long delayed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		start = System.nanoTime();
		sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN);
		long undelayed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		assertThat(delayed).isGreaterThanOrEqualTo(300);
		assertThat(undelayed).isLessThan(300);
	}

	@Test
	void rateLimitAnswersLikeRackAttack() {
		sandbox.gitlab().faults().on("*", "/api/v4/**").rateLimit(30).times(2);
		SandboxClient.Response first = sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN);
		SandboxClient.Response second = sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST);
		assertThat(first.status()).isEqualTo(429);
		assertThat(first.body()).isEqualTo("Retry later\n");
		assertThat(first.header("Content-Type")).isEqualTo("text/plain");
		assertThat(first.header("Retry-After")).isEqualTo("30");
		assertThat(first.header("RateLimit-Name")).isEqualTo("throttle_authenticated_api");
		assertThat(first.header("RateLimit-Remaining")).isEqualTo("0");
		assertThat(Long.parseLong(first.header("RateLimit-Reset")))
			.isGreaterThan(System.currentTimeMillis() / 1000 + 20);
		assertThat(first.header("RateLimit-ResetTime")).endsWith("GMT");
		assertThat(second.status()).isEqualTo(429);
		assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.API)).isZero();
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void faultWithoutTimesAppliesUntilCleared() {
		sandbox.gitlab().faults().on("GET", "/api/v4/user").respond(503, "{}");
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(503);
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(503);
		sandbox.gitlab().faults().clear();
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void firstMatchingFaultDecidesAndOthersWait() {
		sandbox.gitlab().faults().on("POST", CREATE).respond(500, "{}").times(1);
		sandbox.gitlab().faults().on("POST", "/api/v4/**").respond(504, "{}").times(1);
		assertThat(sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST).status()).isEqualTo(500);
		assertThat(sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST).status()).isEqualTo(504);
		assertThat(sandbox.client().post(API_TOKENS, SandboxSeed.BOB_TOKEN, REQUEST).status()).isEqualTo(201);
	}

	@Test
	void callLogRecordsEveryRequestWithSecretsFiltered() {
		sandbox.client()
			.send(sandbox.client().request("/api/v4/user?private_token=" + SandboxSeed.ALICE_TOKEN + "&x=1"));
		sandbox.client().post(API_TOKENS, SandboxSeed.MALLORY_TOKEN, REQUEST);
		assertThat(sandbox.gitlab().faults().calls()).containsExactly(
				new RecordedCall("GET", "/api/v4/user", "private_token=[FILTERED]&x=1", 200, false,
						Map.of("private_token", "[FILTERED]", "x", "1")),
				new RecordedCall("POST", API_TOKENS, null, 404, false, Map.of("name", "t", "scopes", "api")));
		assertThat(sandbox.gitlab().faults().calls("POST", CREATE)).hasSize(1);
		assertThat(sandbox.gitlab().faults().calls("GET", "/api/v4/projects/**")).isEmpty();
	}

	@Test
	void resetClearsFaultsAndCalls() {
		sandbox.gitlab().faults().on("*", "/**").respond(500, "{}");
		sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN);
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().faults().calls()).isEmpty();
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
	}

}
