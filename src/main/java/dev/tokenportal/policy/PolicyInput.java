package dev.tokenportal.policy;

import java.util.Set;

/**
 * What the policy looks at in a request.
 *
 * @param targetType project or group
 * @param scopes the requested scopes
 * @param accessLevel the requested access level (10–50)
 * @param lifetimeDays days from today until the token expires
 * @author Token Portal team
 */
public record PolicyInput(TargetType targetType, Set<String> scopes, int accessLevel, long lifetimeDays) {

	public PolicyInput {
		scopes = Set.copyOf(scopes);
	}

}
