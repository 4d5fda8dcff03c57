package dev.tokenportal.gitlab;

/**
 * GitLab refused the signed-in user's own OAuth token (401: revoked, expired and not
 * renewable, or the user is gone; 403: for instance a blocked account), published while
 * the user's request is being handled so the session can follow GitLab.
 *
 * @param status GitLab's status, 401 or 403
 * @author Token Portal team
 */
public record GitLabSignInRejected(int status) {
}
