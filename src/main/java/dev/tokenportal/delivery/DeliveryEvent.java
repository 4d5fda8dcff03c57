package dev.tokenportal.delivery;

import java.time.Instant;

import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;

/**
 * What happened to a token's CI/CD variable, for the audit trail: request, GitLab token
 * id and destination, never the value. {@link VariableWritten} and
 * {@link VariableRemoved} are published in the transaction that records the token or its
 * revoke; {@link VariableTakenBack} on its own.
 *
 * @author Token Portal team
 */
public sealed interface DeliveryEvent {

	RequestSnapshot request();

	Actor actor();

	Instant at();

	/** The token id the variable held or holds. */
	long gitlabTokenId();

	/** The project or group holding the variable. */
	GitLabTarget owner();

	/** The variable's key. */
	String key();

	/** Its environment scope. */
	String environmentScope();

	/**
	 * A token went into the variable.
	 *
	 * @param method {@code CREATE} or {@code UPDATE}
	 * @param protectedOnly whether only protected branches and tags see it
	 * @param masked whether job logs mask it
	 * @param hidden whether GitLab hides it for good
	 */
	record VariableWritten(RequestSnapshot request, Actor actor, Instant at, long gitlabTokenId, GitLabTarget owner,
			String key, String environmentScope, String method, boolean protectedOnly, boolean masked,
			boolean hidden) implements DeliveryEvent {
	}

	/**
	 * The token was revoked: the variable was deleted, kept as asked, already gone, or
	 * left because GitLab did not delete it.
	 *
	 * @param outcome {@code REMOVED}, {@code KEPT}, {@code GONE} or {@code LEFT}
	 */
	record VariableRemoved(RequestSnapshot request, Actor actor, Instant at, long gitlabTokenId, GitLabTarget owner,
			String key, String environmentScope, String outcome) implements DeliveryEvent {
	}

	/**
	 * A token the portal revoked without recording it had been written, or may have been:
	 * the portal removed the variable that held it (or found nothing of it).
	 *
	 * @param removed whether the portal deleted the variable now
	 */
	record VariableTakenBack(RequestSnapshot request, Actor actor, Instant at, long gitlabTokenId, GitLabTarget owner,
			String key, String environmentScope, boolean removed) implements DeliveryEvent {
	}

}
