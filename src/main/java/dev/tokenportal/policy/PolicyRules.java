package dev.tokenportal.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The thresholds of the approval policy: data that portal admins edit, not code. An
 * override for a top-level group can only make them stricter ({@link #stricter}).
 *
 * @param readScopes scopes that only read; a token with only these can be low tier
 * @param lowMaxAccessLevel the highest access level a low-tier token may have (Reporter,
 * 20)
 * @param lowMaxLifetimeDays the longest lifetime of a low-tier token
 * @param standardMaxAccessLevel the highest level before a request is high tier
 * (Maintainer, 40)
 * @param standardMaxLifetimeDays the longest lifetime before a request is high tier
 * @param maxLifetimeDays the longest lifetime allowed at all (GitLab's cap is 365)
 * @param groupWriteScopes scopes that make a group token high tier
 * @param forbiddenScopes scopes an admin has forbidden
 * @param forbiddenAccessLevels access levels an admin has forbidden
 * @param minimumTier the least scrutiny any request gets (an override can raise it)
 * @param forbidAboveOwnLevel whether a token above its requester's own access level on
 * the target is refused outright (otherwise it needs Owners' approval); {@code false} in
 * rules saved before it existed
 * @param destinationsOutsideTopLevelGroup whether a token may be delivered into a CI/CD
 * variable outside its target's own top-level group; {@code false} (the default, and in
 * rules saved before it existed) keeps destinations inside it
 * @author Token Portal team
 */
public record PolicyRules(Set<String> readScopes, int lowMaxAccessLevel, int lowMaxLifetimeDays,
		int standardMaxAccessLevel, int standardMaxLifetimeDays, int maxLifetimeDays, Set<String> groupWriteScopes,
		Set<String> forbiddenScopes, Set<Integer> forbiddenAccessLevels, Tier minimumTier,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean forbidAboveOwnLevel,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean destinationsOutsideTopLevelGroup) {

	/** GitLab's own ceiling on a token's lifetime. */
	public static final int GITLAB_MAX_LIFETIME_DAYS = 365;

	public PolicyRules {
		readScopes = Set.copyOf(readScopes);
		groupWriteScopes = Set.copyOf(groupWriteScopes);
		forbiddenScopes = Set.copyOf(forbiddenScopes);
		forbiddenAccessLevels = Set.copyOf(forbiddenAccessLevels);
	}

	/**
	 * Rules that let a token above its requester's own level go to the Owners.
	 * @param readScopes scopes that only read
	 * @param lowMaxAccessLevel the highest access level of a low-tier token
	 * @param lowMaxLifetimeDays the longest lifetime of a low-tier token
	 * @param standardMaxAccessLevel the highest level before a request is high tier
	 * @param standardMaxLifetimeDays the longest lifetime before a request is high tier
	 * @param maxLifetimeDays the longest lifetime allowed at all
	 * @param groupWriteScopes scopes that make a group token high tier
	 * @param forbiddenScopes scopes an admin has forbidden
	 * @param forbiddenAccessLevels access levels an admin has forbidden
	 * @param minimumTier the least scrutiny any request gets
	 */
	public PolicyRules(Set<String> readScopes, int lowMaxAccessLevel, int lowMaxLifetimeDays,
			int standardMaxAccessLevel, int standardMaxLifetimeDays, int maxLifetimeDays, Set<String> groupWriteScopes,
			Set<String> forbiddenScopes, Set<Integer> forbiddenAccessLevels, Tier minimumTier) {
		this(readScopes, lowMaxAccessLevel, lowMaxLifetimeDays, standardMaxAccessLevel, standardMaxLifetimeDays,
				maxLifetimeDays, groupWriteScopes, forbiddenScopes, forbiddenAccessLevels, minimumTier, false);
	}

	/**
	 * Rules that keep CI/CD variable destinations inside the target's top-level group.
	 * @param readScopes scopes that only read
	 * @param lowMaxAccessLevel the highest access level of a low-tier token
	 * @param lowMaxLifetimeDays the longest lifetime of a low-tier token
	 * @param standardMaxAccessLevel the highest level before a request is high tier
	 * @param standardMaxLifetimeDays the longest lifetime before a request is high tier
	 * @param maxLifetimeDays the longest lifetime allowed at all
	 * @param groupWriteScopes scopes that make a group token high tier
	 * @param forbiddenScopes scopes an admin has forbidden
	 * @param forbiddenAccessLevels access levels an admin has forbidden
	 * @param minimumTier the least scrutiny any request gets
	 * @param forbidAboveOwnLevel whether a token above its requester's level is refused
	 */
	public PolicyRules(Set<String> readScopes, int lowMaxAccessLevel, int lowMaxLifetimeDays,
			int standardMaxAccessLevel, int standardMaxLifetimeDays, int maxLifetimeDays, Set<String> groupWriteScopes,
			Set<String> forbiddenScopes, Set<Integer> forbiddenAccessLevels, Tier minimumTier,
			boolean forbidAboveOwnLevel) {
		this(readScopes, lowMaxAccessLevel, lowMaxLifetimeDays, standardMaxAccessLevel, standardMaxLifetimeDays,
				maxLifetimeDays, groupWriteScopes, forbiddenScopes, forbiddenAccessLevels, minimumTier,
				forbidAboveOwnLevel, false);
	}

	/**
	 * The defaults of design.md.
	 * @return the default rules
	 */
	public static PolicyRules defaults() {
		return new PolicyRules(Set.copyOf(Scopes.READ_ONLY), 20, 30, 40, 90, GITLAB_MAX_LIFETIME_DAYS,
				Set.of("api", "write_repository", "write_registry", "write_virtual_registry", "write_observability",
						"create_runner", "manage_runner", "k8s_proxy", "self_rotate", "ai_features"),
				Set.of(), Set.of(), Tier.LOW, false);
	}

	/**
	 * The stricter of these rules and an override, threshold by threshold: smaller
	 * maxima, fewer read-only scopes, more forbidden scopes and levels, the higher
	 * minimum tier, tokens above their requester's level forbidden if either forbids
	 * them, and destinations outside the top-level group allowed only if both allow them.
	 * @param override a top-level group's override
	 * @return the combined rules, never looser than either
	 */
	public PolicyRules stricter(PolicyRules override) {
		Set<String> read = new LinkedHashSet<>(this.readScopes);
		read.retainAll(override.readScopes);
		return new PolicyRules(read, Math.min(this.lowMaxAccessLevel, override.lowMaxAccessLevel),
				Math.min(this.lowMaxLifetimeDays, override.lowMaxLifetimeDays),
				Math.min(this.standardMaxAccessLevel, override.standardMaxAccessLevel),
				Math.min(this.standardMaxLifetimeDays, override.standardMaxLifetimeDays),
				Math.min(this.maxLifetimeDays, override.maxLifetimeDays),
				union(this.groupWriteScopes, override.groupWriteScopes),
				union(this.forbiddenScopes, override.forbiddenScopes),
				union(this.forbiddenAccessLevels, override.forbiddenAccessLevels),
				(this.minimumTier.compareTo(override.minimumTier) >= 0) ? this.minimumTier : override.minimumTier,
				this.forbidAboveOwnLevel || override.forbidAboveOwnLevel,
				this.destinationsOutsideTopLevelGroup && override.destinationsOutsideTopLevelGroup);
	}

	/**
	 * Sorted, for stable display and storage.
	 * @return the read-only scopes in order
	 */
	public List<String> sortedReadScopes() {
		return List.copyOf(new TreeSet<>(this.readScopes));
	}

	private static <T> Set<T> union(Set<T> a, Set<T> b) {
		Set<T> all = new LinkedHashSet<>(a);
		all.addAll(b);
		return all;
	}

}
