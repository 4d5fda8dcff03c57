package dev.tokenportal.requests;

import dev.tokenportal.gitlab.GitLabResource;

/**
 * A project or group with requests waiting for its Owners: what the approval queue needs
 * to ask GitLab about, instead of everything a user owns.
 *
 * @param type project or group
 * @param id its GitLab id
 * @param path its full path when the oldest waiting request was submitted
 * @author Token Portal team
 */
public record PendingTarget(GitLabResource type, long id, String path) {

}
