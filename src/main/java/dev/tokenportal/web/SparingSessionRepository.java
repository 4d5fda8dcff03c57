package dev.tokenportal.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Spring Session's JDBC store writes the session row on every request that looks at the
 * session, only to move its last-access time (Spring Session keeps that as the servlet
 * contract asks, spring-session#1065). Here a touch reaches the row only when the stored
 * time is at least {@link #touchInterval} old, so a user clicking through pages costs one
 * UPDATE a minute instead of one per request. The row lags by at most that interval,
 * which can only end an idle session earlier, never later. Attribute changes are written
 * as before.
 *
 * @author Token Portal team
 */
final class SparingSessionRepository implements FindByIndexNameSessionRepository<Session> {

	private final FindByIndexNameSessionRepository<Session> delegate;

	private final Duration touchInterval;

	private final Counter loaded;

	private final Counter touched;

	SparingSessionRepository(FindByIndexNameSessionRepository<Session> delegate, Duration touchInterval,
			MeterRegistry meters) {
		this.delegate = delegate;
		this.touchInterval = touchInterval;
		this.loaded = Counter.builder("portal.sessions.loaded")
			.description("Sessions read from the session store")
			.register(meters);
		this.touched = Counter.builder("portal.sessions.touched")
			.description("Last-access times written to the session store")
			.register(meters);
	}

	@Override
	public Session createSession() {
		return this.delegate.createSession();
	}

	@Override
	public void save(Session session) {
		// the store casts to its own session type: hand it back what it made
		this.delegate.save((session instanceof SparingSession sparing) ? sparing.stored : session);
	}

	@Override
	public @Nullable Session findById(String id) {
		Session session = this.delegate.findById(id);
		if (session == null) {
			return null;
		}
		this.loaded.increment();
		return new SparingSession(session);
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return this.delegate.findByIndexNameAndIndexValue(indexName, indexValue);
	}

	/** A stored session whose last-access time moves only when the stored one is old. */
	private final class SparingSession implements Session {

		private final Session stored;

		SparingSession(Session stored) {
			this.stored = stored;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime
				.isBefore(this.stored.getLastAccessedTime().plus(SparingSessionRepository.this.touchInterval))) {
				this.stored.setLastAccessedTime(lastAccessedTime);
				SparingSessionRepository.this.touched.increment();
			}
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			return this.stored.changeSessionId();
		}

		@Override
		public <T> @Nullable T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, @Nullable Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
