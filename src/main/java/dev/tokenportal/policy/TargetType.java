package dev.tokenportal.policy;

/**
 * What a token is for: a GitLab project or a group.
 *
 * @author Token Portal team
 */
public enum TargetType {

	/** A project access token. */
	PROJECT,

	/** A group access token. */
	GROUP;

	/**
	 * The word GitLab uses in paths and messages.
	 * @return {@code project} or {@code group}
	 */
	public String gitlabName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
