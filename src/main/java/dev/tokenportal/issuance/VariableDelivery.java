package dev.tokenportal.issuance;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.CreatedAccessToken;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.security.CurrentUser;

/**
 * What issuance asks of the {@code delivery} module when a token goes into a CI/CD
 * variable instead of onto a page. Issuance calls it after GitLab made a token and before
 * it records it; {@code delivery} implements it, so the dependency points from delivery
 * to issuance and not back. Methods that talk to GitLab run outside any transaction;
 * those named {@code record…} run inside the caller's.
 *
 * @author Token Portal team
 */
public interface VariableDelivery {

	/**
	 * Before anything is claimed: stores a destination the requester chose at Create
	 * token (for a request without one), then asks GitLab whether the requester may
	 * manage that destination's variables.
	 * @param request the request, approved
	 * @param requester who pressed
	 * @param choice the destination chosen on the Create token form, or {@code null}
	 * @return the request as it stands now (with the chosen destination)
	 * @throws TokenActionRefusedException when the choice is not valid or the requester
	 * may not manage those variables; nothing was claimed or sent
	 */
	TokenRequest prepare(TokenRequest request, CurrentUser requester, @Nullable DestinationChoice choice);

	/**
	 * Writes a new token's value into the request's destination: creates the variable, or
	 * updates it where the portal's own earlier delivery of this request (or of the
	 * request it renews) holds that key and scope. A lost answer is settled with an
	 * update of the same key and value.
	 * @param request the request, with a destination
	 * @param token what GitLab made, with its value
	 * @return what was written
	 * @throws VariableNotWrittenException when the variable does not hold the token
	 */
	WrittenVariable write(TokenRequest request, CreatedAccessToken token);

	/**
	 * In the caller's transaction (the one that records the token): the delivery is in
	 * place, and a delivery it replaced is over.
	 * @param request the request
	 * @param written what was written
	 * @param actor who made it happen
	 */
	void recordWritten(TokenRequest request, WrittenVariable written, Actor actor);

	/**
	 * A token the portal is revoking without recording it: removes the variable if it
	 * still holds the portal's write of that token. Never throws.
	 * @param request the request
	 * @param gitlabTokenId the token
	 * @return {@code true} when nothing of that token is left in a variable
	 */
	boolean takeBack(TokenRequest request, long gitlabTokenId);

	/**
	 * Settles writes left half-done (the portal stopped, or GitLab could not confirm):
	 * each variable that still holds a token that was never recorded is removed.
	 * @param startedBefore writes started before this are taken as abandoned
	 * @return how many were settled
	 */
	int settleAbandoned(Instant startedBefore);

	/**
	 * Whether the request's current token went into a variable, and where.
	 * @param request the request
	 * @return the destination, or {@code null}
	 */
	@Nullable WrittenVariable delivered(TokenRequest request);

	/**
	 * On revoke: deletes the variable holding the token (if it still does), or keeps it
	 * when asked. Talks to GitLab only.
	 * @param request the request
	 * @param gitlabTokenId the token being revoked
	 * @param keep whether the revoker asked to keep the variable
	 * @return what became of it, or {@code null} when the token is in no variable
	 */
	@Nullable VariableRemoval remove(TokenRequest request, long gitlabTokenId, boolean keep);

	/**
	 * In the caller's transaction (the one that records the revoke): what became of the
	 * variable.
	 * @param request the request
	 * @param gitlabTokenId the revoked token
	 * @param removal what became of the variable
	 * @param actor who revoked
	 */
	void recordRemoval(TokenRequest request, long gitlabTokenId, VariableRemoval removal, Actor actor);

	/**
	 * A destination chosen on the Create token form.
	 *
	 * @param path the project or group, by full path
	 * @param key the variable's key
	 * @param environmentScope the environment scope, {@code *} when blank
	 * @param protectedOnly whether only protected branches and tags see it
	 * @param maskedAndHidden whether it should be hidden as well as masked (17.4+)
	 */
	record DestinationChoice(String path, String key, String environmentScope, boolean protectedOnly,
			boolean maskedAndHidden) {
	}

	/**
	 * What became of a delivered token's variable on revoke.
	 */
	enum VariableRemoval {

		/** Deleted by the portal. */
		REMOVED,

		/** Kept, as the revoker asked. */
		KEPT,

		/** Already gone, or it no longer held the portal's write. */
		GONE,

		/** GitLab did not delete it; someone has to. */
		LEFT

	}

}
