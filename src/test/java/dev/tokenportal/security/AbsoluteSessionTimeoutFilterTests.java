package dev.tokenportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session ends once it is older than the absolute timeout, however active it was.
 *
 * @author Token Portal team
 */
class AbsoluteSessionTimeoutFilterTests {

	static final Instant CREATED = Instant.parse("2026-11-22T08:00:00Z");

	@Test
	void sessionYoungerThanTheLimitIsKept() throws Exception {
		MockHttpSession session = sessionCreatedAt(CREATED);
		run(session, CREATED.plus(Duration.ofHours(12)).minusSeconds(1));
		assertThat(session.isInvalid()).isFalse();
	}

	@Test
	void sessionReachingTheLimitIsInvalidatedAndTheRequestContinuesAnonymously() throws Exception {
		MockHttpSession session = sessionCreatedAt(CREATED);
		MockFilterChain chain = run(session, CREATED.plus(Duration.ofHours(12)));
		assertThat(session.isInvalid()).isTrue();
		assertThat(chain.getRequest()).as("the request still goes on, to be sent to login").isNotNull();
	}

	@Test
	void requestWithoutSessionPassesThrough() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockFilterChain chain = new MockFilterChain();
		filterAt(CREATED).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(request.getSession(false)).isNull();
	}

	private MockFilterChain run(MockHttpSession session, Instant now) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setSession(session);
		MockFilterChain chain = new MockFilterChain();
		filterAt(now).doFilter(request, new MockHttpServletResponse(), chain);
		return chain;
	}

	private static AbsoluteSessionTimeoutFilter filterAt(Instant now) {
		return new AbsoluteSessionTimeoutFilter(Duration.ofHours(12), Clock.fixed(now, ZoneOffset.UTC));
	}

	private static MockHttpSession sessionCreatedAt(Instant created) {
		return new MockHttpSession() {

			@Override
			public long getCreationTime() {
				return created.toEpochMilli();
			}

		};
	}

}
