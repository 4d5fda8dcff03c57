package dev.tokenportal.gitlab;

/**
 * What {@code GET /version} reports.
 *
 * @param version GitLab's version, e.g. {@code 17.8.0}
 * @param revision the build revision
 * @author Token Portal team
 */
public record GitLabVersion(String version, String revision) {
}
