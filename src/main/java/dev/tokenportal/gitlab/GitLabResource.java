package dev.tokenportal.gitlab;

import java.util.Locale;

/**
 * The two kinds of GitLab resource that have access tokens.
 *
 * @author Token Portal team
 */
public enum GitLabResource {

	/** A project. */
	PROJECT,

	/** A group. */
	GROUP;

	/**
	 * The collection in GitLab's API paths.
	 * @return {@code projects} or {@code groups}
	 */
	String collection() {
		return name().toLowerCase(Locale.ROOT) + "s";
	}

}
