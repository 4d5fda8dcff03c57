package dev.tokenportal.delivery;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;

/**
 * One row of {@code token_delivery}: a token of a request written (or being written) into
 * a CI/CD variable. Never the value.
 *
 * @param id the row
 * @param requestId the request
 * @param gitlabTokenId the token the variable holds
 * @param owner the project or group holding the variable
 * @param key the variable's key
 * @param environmentScope its environment scope
 * @param protectedOnly whether only protected branches and tags see it
 * @param hidden whether GitLab hides it, once written
 * @param method {@code CREATE} or {@code UPDATE}
 * @param state where it stands
 * @param startedAt when the write began
 * @param deliveredAt when it was recorded in place
 * @author Token Portal team
 */
record DeliveryRecord(UUID id, UUID requestId, long gitlabTokenId, GitLabTarget owner, String key,
		String environmentScope, boolean protectedOnly, @Nullable Boolean hidden, String method, State state,
		Instant startedAt, @Nullable Instant deliveredAt) {

	boolean sameVariable(GitLabTarget otherOwner, String otherKey, String otherScope) {
		return this.owner.resource() == otherOwner.resource() && this.owner.id() == otherOwner.id()
				&& this.key.equals(otherKey) && this.environmentScope.equals(otherScope);
	}

	static GitLabTarget owner(String type, long id, String path) {
		return new GitLabTarget(GitLabResource.valueOf(type), id, path);
	}

	/**
	 * Where a delivery stands.
	 */
	enum State {

		/** The write is under way (or the portal stopped during it). */
		PENDING,

		/** GitLab did not write it, or the portal took it back. */
		FAILED,

		/** The variable holds this token. */
		DELIVERED,

		/** A later delivery (rotation, renewal) wrote a newer token into it. */
		REPLACED,

		/** The token was revoked and the portal deleted the variable. */
		REMOVED,

		/** The token was revoked and the revoker kept the variable. */
		KEPT,

		/**
		 * The token was revoked; the variable could not be removed or was no longer the
		 * portal's.
		 */
		LEFT

	}

}
