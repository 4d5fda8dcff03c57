package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service account's outbound rate against a GitLab (WireMock) that advertises its
 * limit (security.md 10.3): the portal keeps to 66 % of it and is never answered 429.
 * Time is simulated: waiting for a turn moves a fake clock instead of sleeping.
 *
 * @author Token Portal team
 */
class GitLabRateDisciplineTests {

	static final WireMockServer gitlab = new WireMockServer(options().dynamicPort());

	final AtomicLong nanos = new AtomicLong();

	final TimeMeter time = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return GitLabRateDisciplineTests.this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** Waiting for a turn: the simulated time passes at once. */
	final BlockingStrategy waiting = this.nanos::addAndGet;

	final List<Duration> retrySleeps = new ArrayList<>();

	@BeforeAll
	static void startGitLab() {
		gitlab.start();
	}

	@AfterAll
	static void stopGitLab() {
		gitlab.stop();
	}

	@BeforeEach
	void reset() {
		gitlab.resetAll();
	}

	@Test
	void keepsToTwoThirdsOfTheAdvertisedLimitAndIsNeverThrottled() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version"))
			.willReturn(okJson("{\"version\":\"17.9.0\"}").withHeader("RateLimit-Limit", "600")));
		GitLabClient client = client(new GitLabProperties.RateLimit(true, 0.66, Duration.ofSeconds(2)));

		int calls = 2000;
		for (int i = 0; i < calls; i++) {
			client.version();
		}

		double minutes = this.nanos.get() / 60e9;
		// the first call learns the limit; 198 go at once as the burst, the rest at 396 a
		// minute
		assertThat(minutes).isCloseTo((calls - 1 - 198) / 396.0, org.assertj.core.data.Offset.offset(0.01));
		assertThat((calls - 1 - 198) / minutes).as("sustained requests a minute after the burst")
			.isLessThanOrEqualTo(400);
		gitlab.verify(calls, getRequestedFor(urlPathEqualTo("/api/v4/version")));
		assertThat(this.retrySleeps).as("never held back long enough to need a retry").isEmpty();
	}

	@Test
	void aCallThatWouldWaitTooLongIsNotSentAndSaysWhy() {
		// 3 a minute once GitLab says 5: one every 20 seconds, more than the 2 s a call
		// may
		// wait
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version"))
			.willReturn(okJson("{\"version\":\"17.9.0\"}").withHeader("RateLimit-Limit", "5")));
		GitLabClient client = client(new GitLabProperties.RateLimit(true, 0.66, Duration.ofSeconds(2)));
		client.version();
		client.version();

		assertThatExceptionOfType(GitLabUnavailableException.class).isThrownBy(client::version)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(429))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isBetween(Duration.ofSeconds(17), Duration.ofSeconds(20)));
		gitlab.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/version")));
		assertThat(this.meters.counter("portal.gitlab.throttled", "by", "portal").count()).isOne();
		assertThat(this.meters.counter("portal.gitlab.throttled", "by", "gitlab").count()).isZero();
	}

	@Test
	void withoutAnAdvertisedLimitNothingIsHeldBack() {
		gitlab.stubFor(get(urlPathEqualTo("/api/v4/version")).willReturn(okJson("{\"version\":\"17.9.0\"}")));
		GitLabClient client = client(new GitLabProperties.RateLimit(true, 0.66, Duration.ofSeconds(2)));
		for (int i = 0; i < 500; i++) {
			client.version();
		}
		assertThat(this.nanos.get()).isZero();
	}

	private GitLabClient client(GitLabProperties.RateLimit settings) {
		Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
		// as in production: retries around the rate discipline
		RestClient rest = RestClient.builder()
			.baseUrl(gitlab.baseUrl())
			.requestFactory(new SimpleClientHttpRequestFactory())
			.requestInterceptor(new GitLabRetryInterceptor(
					new GitLabProperties.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(5)), this.retrySleeps::add,
					clock, this.meters))
			.requestInterceptor(new GitLabRateDiscipline(settings, this.time, this.waiting))
			.build();
		HttpServiceProxyFactory proxies = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build();
		return new GitLabClient(proxies.createClient(GitLabUsersApi.class),
				proxies.createClient(GitLabProjectsApi.class), proxies.createClient(GitLabGroupsApi.class),
				proxies.createClient(GitLabInstanceApi.class), new GitLabCalls(clock, GitLabClientTests.BREAKER_OFF),
				(event) -> {
				});
	}

}
