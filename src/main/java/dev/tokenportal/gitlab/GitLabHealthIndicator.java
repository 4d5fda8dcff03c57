package dev.tokenportal.gitlab;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Whether GitLab answers the service account. The portal keeps running while GitLab is
 * down (pages say so); this indicator lets operators see it. Details (version, reason)
 * are shown only to authorised users, as configured under
 * {@code management.endpoint.health}.
 *
 * @author Token Portal team
 */
@Component("gitlab")
class GitLabHealthIndicator extends AbstractHealthIndicator {

	private final GitLabClient gitlab;

	private final GitLabCalls calls;

	GitLabHealthIndicator(GitLabClient gitlab, GitLabCalls calls) {
		super("GitLab health check failed");
		this.gitlab = gitlab;
		this.calls = calls;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("circuitBreaker", this.calls.breakerState());
		try {
			GitLabVersion version = this.gitlab.version();
			builder.up().withDetail("version", version.version());
		}
		catch (GitLabException ex) {
			builder.down().withDetail("reason", ex.getMessage());
		}
	}

}
