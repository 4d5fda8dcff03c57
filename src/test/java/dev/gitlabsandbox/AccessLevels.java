package dev.gitlabsandbox;

import java.util.Set;

/**
 * GitLab's numeric access levels (gitlab-api.md §5.2).
 *
 * @author Token Portal team
 */
public final class AccessLevels {

	public static final int NO_ACCESS = 0;

	public static final int GUEST = 10;

	public static final int PLANNER = 15;

	public static final int REPORTER = 20;

	public static final int DEVELOPER = 30;

	public static final int MAINTAINER = 40;

	public static final int OWNER = 50;

	/** The levels a project or group access token may be given (17.7+: with Planner). */
	static final Set<Integer> TOKEN_LEVELS = Set.of(GUEST, PLANNER, REPORTER, DEVELOPER, MAINTAINER, OWNER);

	private AccessLevels() {
	}

}
