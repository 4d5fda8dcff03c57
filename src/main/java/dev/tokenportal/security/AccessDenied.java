package dev.tokenportal.security;

import org.jspecify.annotations.Nullable;

/**
 * A signed-in user was refused a page or an action.
 *
 * @param gitlabUserId the user, if known
 * @param username the username, if known
 * @param method the HTTP method
 * @param path the path asked for
 * @author Token Portal team
 */
public record AccessDenied(@Nullable Long gitlabUserId, @Nullable String username, String method, String path) {
}
