package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The CI/CD variables client on the wire (gitlab-api.md §12): what it sends on create and
 * update for each GitLab version, how GitLab's refusals become kinds the delivery can
 * explain, that a create is never sent twice, and that the value is in no message.
 *
 * @author Token Portal team
 */
class GitLabVariablesClientTests {

	static final WireMockServer gitlab = new WireMockServer(options().dynamicPort());

	static final String VALUE = "glpat-SeCrEtVaLuE1234567890";

	static final GitLabTarget WEB = new GitLabTarget(GitLabResource.PROJECT, 13, "platform/frontend/web");

	static final GitLabTarget PLATFORM = new GitLabTarget(GitLabResource.GROUP, 100, "platform");

	static final VariableSpec SPEC = new VariableSpec("PORTAL_TOKEN", "production", true, true,
			"Token Portal tp-1234abcd");

	final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

	final List<Duration> sleeps = new ArrayList<>();

	GitLabVariablesClient client;

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
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(1));
		requests.setReadTimeout(Duration.ofMillis(1500));
		GitLabRetryInterceptor retry = new GitLabRetryInterceptor(
				new GitLabProperties.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(5)), this.sleeps::add,
				this.clock);
		RestClient rest = RestClient.builder()
			.baseUrl(gitlab.baseUrl())
			.requestFactory(requests)
			.requestInterceptor(retry)
			.build();
		HttpServiceProxyFactory proxies = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
		GitLabCalls calls = new GitLabCalls(this.clock, GitLabClientTests.BREAKER_OFF);
		GitLabClient client = new GitLabClient(proxies.createClient(GitLabUsersApi.class),
				proxies.createClient(GitLabProjectsApi.class), proxies.createClient(GitLabGroupsApi.class),
				proxies.createClient(GitLabInstanceApi.class), calls, (event) -> {
				});
		this.client = new GitLabVariablesClient(proxies.createClient(GitLabVariablesApi.class), client, calls);
	}

	@Test
	void createOn17Point4AndLaterAsksForMaskedAndHidden() {
		version("17.8.0");
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/13/variables")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"variable_type":"env_var","key":"PORTAL_TOKEN","value":null,"hidden":true,"protected":true,
							 "masked":true,"raw":false,"environment_scope":"production","description":"Token Portal tp-1234abcd"}
							""")));

		GitLabVariable created = this.client.create(WEB, SPEC, VALUE);

		assertThat(created.isHidden()).isTrue();
		assertThat(created.masked()).isTrue();
		assertThat(created.toString()).doesNotContain(VALUE);
		gitlab.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/13/variables")).withRequestBody(equalToJson("""
				{"key":"PORTAL_TOKEN","value":"%s","variable_type":"env_var","protected":true,
				 "masked_and_hidden":true,"raw":false,"environment_scope":"production",
				 "description":"Token Portal tp-1234abcd"}
				""".formatted(VALUE))));
	}

	@Test
	void createBefore17Point4AsksForMaskedOnly() {
		version("17.3.2-ee");
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/groups/100/variables"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"variable_type":"env_var","key":"PORTAL_TOKEN","value":"%s","protected":true,
					 "masked":true,"raw":false,"environment_scope":"production","description":null}
					""".formatted(VALUE))));

		GitLabVariable created = this.client.create(PLATFORM, SPEC, VALUE);

		assertThat(created.isHidden()).isFalse();
		assertThat(created.masked()).isTrue();
		assertThat(created.toString()).as("GitLab echoed the value; the record never keeps it").doesNotContain(VALUE);
		gitlab.verify(postRequestedFor(urlPathEqualTo("/api/v4/groups/100/variables")).withRequestBody(equalToJson("""
				{"key":"PORTAL_TOKEN","value":"%s","variable_type":"env_var","protected":true,"masked":true,
				 "raw":false,"environment_scope":"production","description":"Token Portal tp-1234abcd"}
				""".formatted(VALUE))));
	}

	@Test
	void updateNamesTheScopeAndNeverSendsMasked() {
		gitlab.stubFor(put(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN")).willReturn(okJson("""
				{"variable_type":"env_var","key":"PORTAL_TOKEN","value":null,"hidden":true,"protected":true,
				 "masked":true,"raw":false,"environment_scope":"production"}
				""")));

		GitLabVariable updated = this.client.update(WEB, SPEC, VALUE);

		assertThat(updated.isHidden()).isTrue();
		gitlab.verify(putRequestedFor(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN"))
			.withQueryParam("filter[environment_scope]", equalTo("production"))
			.withRequestBody(equalToJson("""
					{"value":"%s","protected":true,"description":"Token Portal tp-1234abcd"}
					""".formatted(VALUE))));
	}

	@Test
	void keyTakenInThatScopeIsItsOwnRefusal() {
		version("17.8.0");
		refuseCreate(400, "{\"message\":{\"key\":[\"(PORTAL_TOKEN) has already been taken\"]}}");

		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.create(WEB, SPEC, VALUE))
			.satisfies((ex) -> {
				assertThat(ex.refusal()).isEqualTo(GitLabVariableRefusedException.Refusal.KEY_TAKEN);
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.gitlabReason()).contains("has already been taken");
				assertThat(ex.getMessage()).doesNotContain(VALUE);
			});
	}

	@Test
	void valueThatCannotBeMaskedIsItsOwnRefusal() {
		version("17.8.0");
		refuseCreate(400, "{\"message\":{\"value\":[\"is invalid\"]}}");

		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.create(WEB, SPEC, VALUE))
			.satisfies((ex) -> assertThat(ex.refusal())
				.isEqualTo(GitLabVariableRefusedException.Refusal.VALUE_NOT_MASKABLE));
	}

	@Test
	void planLimitIsItsOwnRefusal() {
		version("17.8.0");
		refuseCreate(400, "{\"message\":{\"base\":[\"Maximum number of project ci variables (1) exceeded\"]}}");

		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.create(WEB, SPEC, VALUE))
			.satisfies(
					(ex) -> assertThat(ex.refusal()).isEqualTo(GitLabVariableRefusedException.Refusal.LIMIT_REACHED));
	}

	@Test
	void forbiddenNotFoundAndAmbiguousAreRefusalsWithTheirKind() {
		version("17.8.0");
		refuseCreate(403, "{\"message\":\"403 Forbidden\"}");
		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.create(WEB, SPEC, VALUE))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(GitLabVariableRefusedException.Refusal.FORBIDDEN));
		gitlab.stubFor(
				put(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN")).willReturn(aResponse().withStatus(404)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"404 Variable Not Found\"}")));
		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.update(WEB, SPEC, VALUE))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(GitLabVariableRefusedException.Refusal.NOT_FOUND));
		gitlab.stubFor(
				get(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN")).willReturn(aResponse().withStatus(409)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"There are multiple variables with provided parameters. "
							+ "Please use 'filter[environment_scope]'\"}")));
		assertThatExceptionOfType(GitLabVariableRefusedException.class)
			.isThrownBy(() -> this.client.get(WEB, "PORTAL_TOKEN", "production"))
			.satisfies((ex) -> assertThat(ex.refusal()).isEqualTo(GitLabVariableRefusedException.Refusal.AMBIGUOUS));
	}

	@Test
	void lostAnswerToACreateIsOutcomeUnknownAndNeverSentTwice() {
		version("17.8.0");
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/13/variables"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(GitLabOutcomeUnknownException.class)
			.isThrownBy(() -> this.client.create(WEB, SPEC, VALUE))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(VALUE));
		gitlab.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/projects/13/variables")));
	}

	@Test
	void serverErrorOnAnUpdateIsOutcomeUnknown() {
		gitlab.stubFor(put(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN"))
			.willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(GitLabOutcomeUnknownException.class)
			.isThrownBy(() -> this.client.update(WEB, SPEC, VALUE));
		gitlab.verify(1, putRequestedFor(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN")));
	}

	@Test
	void getAndDeleteTreatAMissingVariableAsAbsent() {
		gitlab.stubFor(
				get(urlPathEqualTo("/api/v4/groups/100/variables/PORTAL_TOKEN")).willReturn(aResponse().withStatus(404)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"404 GroupVariable Not Found\"}")));
		gitlab.stubFor(delete(urlPathEqualTo("/api/v4/groups/100/variables/PORTAL_TOKEN"))
			.willReturn(aResponse().withStatus(404)));
		gitlab.stubFor(delete(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN"))
			.willReturn(aResponse().withStatus(204)));

		assertThat(this.client.get(PLATFORM, "PORTAL_TOKEN", "*")).isEmpty();
		assertThat(this.client.delete(PLATFORM, "PORTAL_TOKEN", "*")).isFalse();
		assertThat(this.client.delete(WEB, "PORTAL_TOKEN", "review/*")).isTrue();
		gitlab.verify(deleteRequestedFor(urlPathEqualTo("/api/v4/projects/13/variables/PORTAL_TOKEN"))
			.withQueryParam("filter[environment_scope]", equalTo("review/*")));
	}

	@Test
	void theBodyThatCarriesTheValueNeverPrintsIt() {
		assertThat(VariableBody.create(SPEC, VALUE, true).toString()).doesNotContain(VALUE);
		assertThat(VariableBody.update(SPEC, VALUE).toString()).doesNotContain(VALUE);
	}

	private static void version(String version) {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version"))
			.willReturn(okJson("{\"version\":\"" + version + "\",\"revision\":\"abc\"}")));
	}

	private static void refuseCreate(int status, String body) {
		gitlab.stubFor(post(urlPathEqualTo("/api/v4/projects/13/variables"))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

}
