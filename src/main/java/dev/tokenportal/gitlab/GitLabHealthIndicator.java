package dev.tokenportal.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Whether GitLab answers the service account. The portal keeps running while GitLab is
 * down (pages say so); this indicator lets operators see it. Details (version, reason)
 * are shown only to authorised users, as configured under
 * {@code management.endpoint.health}. GitLab's answer is remembered for
 * {@link #REMEMBERED}, so a load balancer polling health is no stream of GitLab calls,
 * while the rest of health (the application's availability, the database) is read live.
 *
 * @author Token Portal team
 */
@Component("gitlab")
class GitLabHealthIndicator extends AbstractHealthIndicator {

	static final Duration REMEMBERED = Duration.ofSeconds(10);

	private final GitLabClient gitlab;

	private final GitLabCalls calls;

	private final Clock clock;

	private @Nullable Checked last;

	GitLabHealthIndicator(GitLabClient gitlab, GitLabCalls calls, Clock clock) {
		super("GitLab health check failed");
		this.gitlab = gitlab;
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Checked checked = checked();
		builder.status(checked.status())
			.withDetail("circuitBreaker", this.calls.breakerState())
			.withDetails(checked.details());
	}

	private synchronized Checked checked() {
		Instant now = this.clock.instant();
		if (this.last == null || !now.isBefore(this.last.at().plus(REMEMBERED))) {
			this.last = check(now);
		}
		return this.last;
	}

	private Checked check(Instant now) {
		try {
			return new Checked(now, Status.UP, Map.of("version", this.gitlab.version().version()));
		}
		catch (GitLabException ex) {
			return new Checked(now, Status.DOWN, Map.of("reason", String.valueOf(ex.getMessage())));
		}
	}

	private record Checked(Instant at, Status status, Map<String, Object> details) {
	}

}
