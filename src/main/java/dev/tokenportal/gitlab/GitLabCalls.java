package dev.tokenportal.gitlab;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Runs a GitLab call and turns what went wrong into a {@link GitLabException}, by status,
 * never by message text alone.
 *
 * @author Token Portal team
 */
@Component
class GitLabCalls {

	private final Clock clock;

	GitLabCalls(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A call that only reads, or that is safe to repeat.
	 */
	<T> T read(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			throw GitLabErrors.translate(action, ex, this.clock);
		}
		catch (ResourceAccessException ex) {
			throw new GitLabUnavailableException(action + ": GitLab did not answer (" + rootCause(ex) + ")", 0, null,
					ex);
		}
		catch (ClientAuthorizationException ex) {
			throw new GitLabAccessDeniedException(
					action + ": your GitLab sign-in has expired and could not be renewed; sign in again", 401, ex);
		}
	}

	/**
	 * A call that changes GitLab and must not be repeated: an answer that was lost after
	 * the request left, or a server error, means nobody knows whether it took effect.
	 */
	<T> T change(String action, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			if (status >= 500) {
				throw new GitLabOutcomeUnknownException(
						action + ": GitLab failed while handling it (" + status + "); it may or may not have happened",
						status, ex);
			}
			throw GitLabErrors.translate(action, ex, this.clock);
		}
		catch (ResourceAccessException ex) {
			if (neverSent(ex)) {
				throw new GitLabUnavailableException(action + ": GitLab could not be reached (" + rootCause(ex) + ")",
						0, null, ex);
			}
			throw new GitLabOutcomeUnknownException(
					action + ": GitLab's answer was lost (" + rootCause(ex) + "); it may or may not have happened", 0,
					ex);
		}
	}

	private static boolean neverSent(ResourceAccessException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

}
