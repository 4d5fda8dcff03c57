package dev.tokenportal.policy;

import java.util.Set;

/**
 * What the policy looks at in a request.
 *
 * @param targetType project or group
 * @param scopes the requested scopes
 * @param accessLevel the requested access level (10–50)
 * @param lifetimeDays days from today until the token expires
 * @param requesterAccessLevel the requester's own effective access level on the target,
 * as GitLab reported it
 * @author Token Portal team
 */
public record PolicyInput(TargetType targetType, Set<String> scopes, int accessLevel, long lifetimeDays,
		int requesterAccessLevel) {

	public PolicyInput {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * Whether the token would have more access than its requester has.
	 * @return {@code true} when the token's level is above the requester's own
	 */
	public boolean aboveRequester() {
		return this.accessLevel > this.requesterAccessLevel;
	}

}
