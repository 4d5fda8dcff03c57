package dev.tokenportal.security;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The abuse limit for credentials GitLab refuses, shared by the sign-in callback and the
 * API's bearer tokens: each refusal costs GitLab calls, so an address that fails 30 times
 * within 3 minutes is refused for an hour before GitLab is asked again. The count is the
 * sign-in's own ({@link LoginThrottle}), kept in PostgreSQL for every instance.
 *
 * @author Token Portal team
 */
@Component
public class FailedCredentials {

	private final LoginThrottle throttle;

	FailedCredentials(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	/**
	 * Records a credential GitLab refused.
	 * @param clientIp the caller's address (forwarded only by a configured proxy)
	 */
	public void failed(String clientIp) {
		this.throttle.failed(clientIp);
	}

	/**
	 * How long an address is still refused.
	 * @param clientIp the caller's address
	 * @return the rest of the ban, or empty when it may try
	 */
	public Optional<Duration> banRemaining(String clientIp) {
		return this.throttle.banRemaining(clientIp);
	}

}
