package dev.tokenportal.security;

import java.util.Set;

/**
 * A signed-in user's portal roles changed during their session, because GitLab's answer
 * about the groups they come from changed.
 *
 * @param gitlabUserId the user
 * @param username their username
 * @param before the roles until now
 * @param after the roles from now on
 * @author Token Portal team
 */
public record RolesChanged(long gitlabUserId, String username, Set<PortalRole> before, Set<PortalRole> after) {
}
