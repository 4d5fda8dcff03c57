package dev.tokenportal.policy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

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
	 * The role name of a level as users read it, from the bundles
	 * ({@code accessLevel.40}); the English name is the default.
	 * @param level the level
	 * @return the name to resolve in the reader's locale
	 */
	public static MessageSourceResolvable named(int level) {
		return new DefaultMessageSourceResolvable(new String[] { "accessLevel." + level }, label(level));
	}

	/**
	 * The role name of a level, as GitLab spells it in English: for logs, the audit trail
	 * and defaults; pages use {@link #named(int)}.
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
