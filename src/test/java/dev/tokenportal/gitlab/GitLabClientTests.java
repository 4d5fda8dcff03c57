package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The GitLab client on the wire: pagination headers, GitLab's two error shapes, which
 * calls are retried and how GitLab's {@code Retry-After} is honoured. GitLab is WireMock.
 *
 * @author Token Portal team
 */
class GitLabClientTests {

	static final WireMockServer gitlab = new WireMockServer(options().dynamicPort());

	/** These tests are about single calls; GitLabCircuitBreakerTests is about many. */
	static final GitLabProperties.Breaker BREAKER_OFF = new GitLabProperties.Breaker(false, 20, 10, 50,
			Duration.ofSeconds(3), 80, Duration.ofSeconds(30), 3);

	final List<Duration> sleeps = new ArrayList<>();

	final List<Object> published = new ArrayList<>();

	final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

	GitLabClient client;

	RestClient restClient;

	@BeforeAll
	static void startGitLab() {
		gitlab.start();
	}

	@AfterAll
	static void stopGitLab() {
		gitlab.stop();
	}

	@BeforeEach
	void setUp() {
		gitlab.resetAll();
		this.sleeps.clear();
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(1));
		// generous for a loaded machine, still well under the delay of the timeout test
		requests.setReadTimeout(Duration.ofMillis(1500));
		GitLabRetryInterceptor retry = new GitLabRetryInterceptor(
				new GitLabProperties.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(5)), this.sleeps::add,
				this.clock);
		this.restClient = RestClient.builder()
			.baseUrl(gitlab.baseUrl())
			.requestFactory(requests)
			.requestInterceptor(retry)
			.build();
		HttpServiceProxyFactory proxies = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(this.restClient))
			.build();
		this.client = new GitLabClient(proxies.createClient(GitLabUsersApi.class),
				proxies.createClient(GitLabProjectsApi.class), proxies.createClient(GitLabGroupsApi.class),
				proxies.createClient(GitLabInstanceApi.class), new GitLabCalls(this.clock, BREAKER_OFF),
				this.published::add);
	}

	@Test
	void memberProjectsReadsGitLabsPaginationHeaders() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/projects")).willReturn(okJson("""
				[{"id": 11, "name": "api", "path_with_namespace": "platform/backend/api",
				  "namespace": {"id": 2, "kind": "group", "full_path": "platform/backend"}, "unknown_field": true}]
				""").withHeader("X-Page", "2")
			.withHeader("X-Per-Page", "1")
			.withHeader("X-Next-Page", "3")
			.withHeader("X-Prev-Page", "1")
			.withHeader("X-Total-Pages", "7")));
		GitLabPage<GitLabProject> page = this.client.memberProjects("api", 2, 1);
		assertThat(page.items()).extracting(GitLabProject::pathWithNamespace).containsExactly("platform/backend/api");
		assertThat(page.page()).isEqualTo(2);
		assertThat(page.nextPage()).isEqualTo(3);
		assertThat(page.totalPages()).isEqualTo(7);
		assertThat(page.hasPrevious()).isTrue();
		gitlab.verify(getRequestedFor(urlPathEqualTo("/api/v4/projects"))
			.withQueryParam("membership", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))
			.withQueryParam("search", com.github.tomakehurst.wiremock.client.WireMock.equalTo("api"))
			.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2"))
			.withQueryParam("per_page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")));
	}

	@Test
	void lastPageHasNoNextPageWhenGitLabSendsAnEmptyHeader() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/groups")).willReturn(
				okJson("[]").withHeader("X-Page", "1").withHeader("X-Next-Page", "").withHeader("X-Total-Pages", "1")));
		GitLabPage<GitLabGroup> page = this.client.memberGroups(null, 1, 20);
		assertThat(page.items()).isEmpty();
		assertThat(page.hasNext()).isFalse();
		assertThat(page.hasPrevious()).isFalse();
	}

	@Test
	void pageSizeIsCappedAtGitLabsMaximum() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/groups")).willReturn(okJson("[]")));
		this.client.memberGroups(null, 0, 1000);
		gitlab.verify(getRequestedFor(urlPathEqualTo("/api/v4/groups"))
			.withQueryParam("per_page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("100"))
			.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1")));
	}

	@Test
	void businessRefusalKeepsGitLabsMessage() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"{\"message\":\"400 Bad request - User does not have permission to create project access token\"}")));
		assertThatExceptionOfType(GitLabRefusedException.class).isThrownBy(this.client::currentUser)
			.withMessageContaining("User does not have permission to create project access token")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void validationErrorUsesGitLabsErrorKey() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"scopes does not have a valid value\"}")));
		assertThatExceptionOfType(GitLabRefusedException.class).isThrownBy(this.client::currentUser)
			.withMessageContaining("scopes does not have a valid value");
	}

	@Test
	void unauthorizedBecomesAccessDeniedAndIsNotRetried() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"401 Unauthorized\"}")));
		assertThatExceptionOfType(GitLabAccessDeniedException.class).isThrownBy(this.client::currentUser)
			.withMessageContaining("401 Unauthorized");
		gitlab.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/user")));
		assertThat(this.published).as("the session hears that GitLab refused the user's own token")
			.containsExactly(new GitLabSignInRejected(401));
	}

	@Test
	void notFoundBecomesNotFound() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"404 Not Found\"}")));
		assertThatExceptionOfType(GitLabNotFoundException.class).isThrownBy(this.client::version);
	}

	@Test
	void getIsRetriedWithBackoffAfterA503() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("second"));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("third"));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(okJson("{\"version\":\"17.8.0\",\"revision\":\"abc\"}")));
		assertThat(this.client.version().version()).isEqualTo("17.8.0");
		assertThat(this.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
		gitlab.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/version")));
	}

	@Test
	void getGivesUpAfterMaxAttemptsAndSaysGitLabIsUnavailable() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(this.client::version)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));
		gitlab.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/version")));
	}

	@Test
	void getIsRetriedAfterAConnectionReset() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).inScenario("reset")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("ok"));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).inScenario("reset")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("{\"version\":\"17.8.0\",\"revision\":\"abc\"}")));
		assertThat(this.client.version().version()).isEqualTo("17.8.0");
		gitlab.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/version")));
	}

	@Test
	void anAnswerThatIsNotGitLabsJsonIsReportedAsUnavailable() {
		// e.g. a proxy's sign-in page in front of GitLab, or a path that names a list
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html></html>")));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).willReturn(okJson("[]")));
		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(this.client::currentUser)
			.withMessageContaining("could not be read");
		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(this.client::version)
			.withMessageContaining("could not be read");
	}

	@Test
	void readTimeoutIsBoundedAndReportedAsUnavailable() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version"))
			.willReturn(okJson("{\"version\":\"17.8.0\",\"revision\":\"abc\"}").withFixedDelay(5000)));
		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(this.client::version)
			.withMessageContaining("GitLab did not answer")
			.satisfies((ex) -> assertThat(ex.status()).isZero());
	}

	@Test
	void rateLimitWaitsForRetryAfterThenSucceeds() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "text/plain")
				.withHeader("Retry-After", "2")
				.withBody("Retry later"))
			.willSetStateTo("calm"));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("busy")
			.whenScenarioStateIs("calm")
			.willReturn(okJson("{\"id\":3,\"username\":\"alice\",\"name\":\"Alice Developer\"}")));
		assertThat(this.client.currentUser().username()).isEqualTo("alice");
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void rateLimitWithRetryAfterAsHttpDateIsHonoured() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("busy-date")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Sun, 22 Nov 2026 10:00:03 GMT"))
			.willSetStateTo("calm"));
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).inScenario("busy-date")
			.whenScenarioStateIs("calm")
			.willReturn(okJson("{\"id\":3,\"username\":\"alice\",\"name\":\"Alice Developer\"}")));
		this.client.currentUser();
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void rateLimitLongerThanAUserCanWaitFailsAtOnceWithTheWait() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "text/plain")
			.withHeader("Retry-After", "60")
			.withBody("Retry later")));
		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(this.client::currentUser)
			.withMessageContaining("Retry later")
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
		assertThat(this.sleeps).isEmpty();
		gitlab.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/user")));
	}

	@Test
	void postIsNeverRetriedAfterAServerErrorOrAReset() {
		// a create that may have reached GitLab must never be sent twice
		gitlab
			.stubFor(post(urlPathEqualTo("/api/v4/projects/1/access_tokens")).willReturn(aResponse().withStatus(502)));
		assertThat(this.restClient.post()
			.uri("/api/v4/projects/1/access_tokens")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(502);
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/2/access_tokens"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(Exception.class).isThrownBy(
				() -> this.restClient.post().uri("/api/v4/projects/2/access_tokens").retrieve().toBodilessEntity());
		gitlab.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/projects/1/access_tokens")));
		gitlab.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/projects/2/access_tokens")));
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void postIsRetriedAfterA429BecauseGitLabDidNotAct() {
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/1/access_tokens")).inScenario("post-busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("calm"));
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/1/access_tokens")).inScenario("post-busy")
			.whenScenarioStateIs("calm")
			.willReturn(aResponse().withStatus(201)));
		assertThat(this.restClient.post()
			.uri("/api/v4/projects/1/access_tokens")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201);
		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(1));
	}

}
