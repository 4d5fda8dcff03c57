package dev.tokenportal.security;

/**
 * The portal ended a user's session because GitLab no longer lets them in.
 *
 * @param gitlabUserId the user
 * @param username their username
 * @param reason why, in plain words
 * @author Token Portal team
 */
public record SessionEnded(long gitlabUserId, String username, String reason) {
}
