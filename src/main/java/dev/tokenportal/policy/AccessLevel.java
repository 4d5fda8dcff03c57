package dev.tokenportal.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitLab's access levels a token can have (gitlab-api.md §5.2).
 *
 * @author Token Portal team
 */
public final class AccessLevel {

	/** Level to role name, lowest first. */
	public static final Map<Integer, String> TOKEN_LEVELS;

	static {
		Map<Integer, String> levels = new LinkedHashMap<>();
		levels.put(10, "Guest");
		levels.put(15, "Planner");
		levels.put(20, "Reporter");
		levels.put(30, "Developer");
		levels.put(40, "Maintainer");
		levels.put(50, "Owner");
		TOKEN_LEVELS = java.util.Collections.unmodifiableMap(levels);
	}

	/** A member's level that no token can have (gitlab-api.md §5.2). */
	private static final int MINIMAL_ACCESS = 5;

	private AccessLevel() {
	}

	/**
	 * The role name of a level.
	 * @param level the level
	 * @return e.g. {@code Maintainer}, or the number when unknown
	 */
	public static String label(int level) {
		if (level == MINIMAL_ACCESS) {
			return "Minimal access";
		}
		return TOKEN_LEVELS.getOrDefault(level, String.valueOf(level));
	}

}
