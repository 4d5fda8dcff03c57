package dev.tokenportal.gitlab;

/**
 * A project or group by GitLab id, with its full path.
 *
 * @param resource project or group
 * @param id the GitLab id
 * @param fullPath the full path, e.g. {@code platform/backend/api}
 * @author Token Portal team
 */
public record GitLabTarget(GitLabResource resource, long id, String fullPath) {

	/**
	 * The top-level group (or user namespace) the target lives in, where GitLab keeps the
	 * token-creation setting and where the portal's policy overrides apply.
	 * @return the first path segment
	 */
	public String topLevelNamespace() {
		int slash = this.fullPath.indexOf('/');
		return (slash < 0) ? this.fullPath : this.fullPath.substring(0, slash);
	}

}
