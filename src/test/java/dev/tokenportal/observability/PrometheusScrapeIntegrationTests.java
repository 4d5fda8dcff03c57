package dev.tokenportal.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.PolicyDeniedException;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What a Prometheus in the portal's network scrapes from the management port after a real
 * flow (submit, an Owner approves, the requester creates the token in the GitLab
 * sandbox): the portal's own metrics under stable names with stable label sets, GitLab's
 * endpoints as templates, never ids or secrets; and nothing at all on the application's
 * port. A context of its own: the management port is a server of its own.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
@TestPropertySource(properties = "management.server.port=0")
class PrometheusScrapeIntegrationTests {

	/** One sample: {@code name{label="value",…} value}. */
	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");

	private static final Pattern METRIC = Pattern
		.compile("\\b(portal_[a-z0-9_]+|http_(client|server)_requests_seconds_[a-z]+)\\b");

	private static final Path DASHBOARD = Path.of("ops", "grafana", "token-portal-dashboard.json");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * The stable part of the scrape: each metric the portal promises, with its labels.
	 * Dashboards and alerts are written against these.
	 */
	private static final Map<String, Set<String>> LABELS = new TreeMap<>(Map.ofEntries(
			Map.entry("portal_requests_submitted_total", Set.of("application", "tier", "outcome")),
			Map.entry("portal_requests_decision_seconds_count", Set.of("application", "tier", "decision")),
			Map.entry("portal_requests_decision_seconds_bucket", Set.of("application", "tier", "decision", "le")),
			Map.entry("portal_issuance_outcomes_total", Set.of("application", "outcome")),
			Map.entry("portal_issuance_duration_seconds_count", Set.of("application", "outcome")),
			Map.entry("portal_issuance_duration_seconds_bucket", Set.of("application", "outcome", "le")),
			Map.entry("http_client_requests_seconds_count",
					Set.of("application", "client_name", "error", "exception", "method", "outcome", "status", "uri")),
			Map.entry("http_client_requests_seconds_bucket",
					Set.of("application", "client_name", "error", "exception", "method", "outcome", "status", "uri",
							"le")),
			Map.entry("portal_gitlab_throttled_total", Set.of("application", "by")),
			Map.entry("portal_gitlab_circuit_breaker_state", Set.of("application", "state")),
			Map.entry("portal_notifications_sent_total", Set.of("application", "channel", "kind")),
			Map.entry("portal_audit_chain_length", Set.of("application")),
			Map.entry("portal_audit_events_unsealed", Set.of("application")),
			Map.entry("portal_audit_verification_intact", Set.of("application")),
			Map.entry("portal_audit_verification_timestamp_seconds", Set.of("application"))));

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void theApplicationPortNeverAnswersAScrape() {
		PortalHttp anonymous = new PortalHttp(this.port);
		PortalHttp admin = new PortalHttp(this.port);
		admin.loginAs(SandboxSeed.ERIN);

		for (PortalHttp client : List.of(anonymous, admin)) {
			PortalHttp.Response response = client.get("/actuator/prometheus");
			assertThat(response.status()).as("/actuator/prometheus on the application port").isNotEqualTo(200);
			assertThat(response.body()).doesNotContain("# TYPE", "portal_");
		}
	}

	@Test
	void theManagementPortAnswersAScrapeWithoutASession() {
		HttpResponse<String> scrape = scrape();

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(scrape.headers().firstValue("Set-Cookie")).as("no session is made").isEmpty();
		assertThat(scrape.body()).contains("# TYPE portal_gitlab_circuit_breaker_state gauge");
	}

	@Test
	void aRealFlowShowsThePortalsMetricsWithStableLabels() {
		Flow flow = realFlow();
		String scrape = flow.scrape();
		List<Sample> samples = samples(scrape, null);

		for (Map.Entry<String, Set<String>> expected : LABELS.entrySet()) {
			List<Sample> family = samples.stream().filter((sample) -> sample.name().equals(expected.getKey())).toList();
			assertThat(family).as(expected.getKey()).isNotEmpty();
			assertThat(family).as("labels of %s", expected.getKey())
				.allSatisfy((sample) -> assertThat(sample.labels().keySet()).isEqualTo(expected.getValue()));
		}
		assertThat(samples).as("every sample names the application")
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", "token-portal"));

		assertThat(value(samples, "portal_requests_submitted_total", Map.of("tier", "standard", "outcome", "pending")))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "portal_requests_submitted_total", Map.of("tier", "denied", "outcome", "denied")))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "portal_requests_decision_seconds_count",
				Map.of("tier", "standard", "decision", "approved")))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "portal_issuance_outcomes_total", Map.of("outcome", "issued")))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "portal_issuance_duration_seconds_count", Map.of("outcome", "issued")))
			.isGreaterThanOrEqualTo(1);
		assertThat(value(samples, "portal_gitlab_throttled_total", Map.of("by", "gitlab"))).isGreaterThanOrEqualTo(1);
		// the whole suite runs with the breaker off; GitLabCircuitBreakerTests covers it
		assertThat(value(samples, "portal_gitlab_circuit_breaker_state", Map.of("state", "disabled"))).isEqualTo(1);
		assertThat(value(samples, "portal_gitlab_circuit_breaker_state", Map.of("state", "open"))).isZero();
		assertThat(value(samples, "portal_audit_chain_length", Map.of())).isGreaterThanOrEqualTo(1);

		// GitLab's endpoints by template, with the create's final status
		assertThat(value(samples, "http_client_requests_seconds_count", Map.of("method", "POST", "uri",
				"/api/v4/{collection}/{id}/access_tokens", "status", "201", "outcome", "SUCCESS")))
			.isGreaterThanOrEqualTo(1);
		assertThat(samples).filteredOn((sample) -> sample.name().startsWith("http_client_requests"))
			.allSatisfy((sample) -> assertThat(sample.labels().get("uri")).as("a template, never an id")
				.doesNotContainPattern("/\\d+(/|$)")
				.doesNotContain(flow.requestId()));
		assertThat(scrape).as("no secret, no request id, no chat webhook path")
			.doesNotContain(flow.tokenValue(), SandboxSeed.SERVICE_TOKEN, flow.requestId(), "/hooks/");
	}

	@Test
	void theGrafanaDashboardImportsAndQueriesOnlyMetricsTheScrapeHas() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
		assertThat(dashboard.path("uid").asString("")).isNotBlank();
		assertThat(dashboard.path("title").asString("")).isNotBlank();
		assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
		assertThat(dashboard.path("templating").path("list").values())
			.anySatisfy((variable) -> assertThat(variable.path("type").asString()).isEqualTo("datasource"));
		List<JsonNode> targets = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels").values()) {
			if (!panel.path("type").asString().equals("row")) {
				assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString())
					.isEqualTo("${datasource}");
				assertThat(panel.path("targets").values()).as(panel.path("title").asString()).isNotEmpty();
				panel.path("targets").values().forEach(targets::add);
			}
		}
		Set<String> queried = new TreeSet<>();
		for (JsonNode target : targets) {
			Matcher name = METRIC.matcher(target.path("expr").asString(""));
			while (name.find()) {
				queried.add(name.group());
			}
		}
		assertThat(queried).contains("portal_requests_submitted_total", "http_client_requests_seconds_bucket");

		Set<String> scraped = new TreeSet<>();
		samples(realFlow().scrape(), null).forEach((sample) -> scraped.add(sample.name()));
		// counted from a notification's first failure on (NotificationDeliveryTests)
		queried.remove("portal_notifications_failed_total");
		assertThat(scraped).as("metrics the dashboard queries").containsAll(queried);
	}

	/**
	 * Submit (standard tier: one Owner), carol approves, alice creates the token; GitLab
	 * throttles the create once; a submit the policy denies. Returns the scrape once the
	 * notifications are out.
	 */
	private Flow realFlow() {
		// GitLab throttles the create once; the portal waits as asked and tries again
		this.sandbox.faults().on("POST", "/api/v4/projects/*/access_tokens").rateLimit(1).times(1);
		TokenRequest request = IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("write_repository"), 30, 30);
		assertThat(request.getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		PortalHttp carol = IssuanceTestSupport.signedIn(this.port, SandboxSeed.CAROL);
		assertThat(IssuanceTestSupport.post(carol, request.getId(), "approve").status()).isEqualTo(302);
		PortalHttp alice = IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE);
		PortalHttp.Response created = IssuanceTestSupport.post(alice, request.getId(), "create");
		assertThat(created.status()).isEqualTo(200);
		String value = IssuanceTestSupport.valueIn(created.body());
		// and a submit the policy refuses
		assertThatThrownBy(() -> IssuanceTestSupport.submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("no_such_scope"), 30, 30))
			.isInstanceOf(PolicyDeniedException.class);

		// notifications go out after commit, on their own threads
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(samples(scrape().body(), "portal_notifications_sent_total"))
				.anySatisfy((sample) -> assertThat(sample.labels()).containsEntry("channel", "chat")));
		return new Flow(scrape().body(), request.getId().toString(), value);
	}

	private HttpResponse<String> scrape() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		try {
			return client.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<Sample> samples(String scrape, String name) {
		List<Sample> samples = new ArrayList<>();
		for (String line : scrape.split("\n")) {
			Matcher matcher = SAMPLE.matcher(line);
			if (line.startsWith("#") || !matcher.matches()) {
				continue;
			}
			if (name != null && !name.equals(matcher.group(1))) {
				continue;
			}
			Map<String, String> labels = new TreeMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
		}
		return samples;
	}

	/** The sum over the samples of a metric whose labels include these. */
	private static double value(List<Sample> samples, String name, Map<String, String> labels) {
		List<Sample> matching = samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
		assertThat(matching).as("%s%s", name, labels).isNotEmpty();
		return matching.stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

	record Flow(String scrape, String requestId, String tokenValue) {
	}

}
