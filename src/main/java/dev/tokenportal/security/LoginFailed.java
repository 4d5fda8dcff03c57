package dev.tokenportal.security;

/**
 * Signing in with GitLab failed, at the callback or while loading the user.
 *
 * @param errorCode the OAuth2 error code (e.g. {@code invalid_state_parameter}), never a
 * code or token
 * @author Token Portal team
 */
public record LoginFailed(String errorCode) {
}
