package dev.tokenportal.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The policy admin form: one rule set, portal-wide or for a top-level group, and why it
 * changes. Numbers arrive as text so that any input binds and is refused with a message;
 * {@link PolicyAdministration} checks the rest and builds the {@link PolicyRules}.
 *
 * @param group the top-level group for an override; {@code null} for the portal-wide
 * rules
 * @param readScopes scopes that only read
 * @param lowMaxAccessLevel the highest level of a low-tier token
 * @param lowMaxLifetimeDays the longest lifetime of a low-tier token
 * @param standardMaxAccessLevel the highest level before a request is high tier
 * @param standardMaxLifetimeDays the longest lifetime before a request is high tier
 * @param maxLifetimeDays the longest lifetime allowed at all
 * @param groupWriteScopes scopes that make a group token high tier
 * @param forbiddenScopes scopes nobody may request
 * @param forbiddenAccessLevels levels nobody may request
 * @param minimumTier the least scrutiny any request gets
 * @param forbidAboveOwnLevel {@code true} when a token above its requester's own access
 * level is refused outright; a checkbox, absent when not ticked
 * @param destinationsOutsideTopLevelGroup {@code true} when tokens may be delivered into
 * CI/CD variables outside the target's top-level group; a checkbox, absent when not
 * ticked
 * @param comment why the rules change
 * @author Token Portal team
 */
public record PolicyRulesForm(@Nullable String group, List<String> readScopes,
		@NotBlank @Nullable String lowMaxAccessLevel, @NotBlank @Nullable String lowMaxLifetimeDays,
		@NotBlank @Nullable String standardMaxAccessLevel, @NotBlank @Nullable String standardMaxLifetimeDays,
		@NotBlank @Nullable String maxLifetimeDays, List<String> groupWriteScopes, List<String> forbiddenScopes,
		List<String> forbiddenAccessLevels, @NotBlank @Nullable String minimumTier,
		@Nullable String forbidAboveOwnLevel, @Nullable String destinationsOutsideTopLevelGroup,
		@NotBlank @Size(max = 1000) @Nullable String comment) {

	public PolicyRulesForm {
		group = strip(group);
		readScopes = clean(readScopes);
		lowMaxAccessLevel = strip(lowMaxAccessLevel);
		lowMaxLifetimeDays = strip(lowMaxLifetimeDays);
		standardMaxAccessLevel = strip(standardMaxAccessLevel);
		standardMaxLifetimeDays = strip(standardMaxLifetimeDays);
		maxLifetimeDays = strip(maxLifetimeDays);
		groupWriteScopes = clean(groupWriteScopes);
		forbiddenScopes = clean(forbiddenScopes);
		forbiddenAccessLevels = clean(forbiddenAccessLevels);
		minimumTier = strip(minimumTier);
		forbidAboveOwnLevel = strip(forbidAboveOwnLevel);
		destinationsOutsideTopLevelGroup = strip(destinationsOutsideTopLevelGroup);
		comment = strip(comment);
	}

	/**
	 * A form showing rules as they stand, with no comment yet.
	 * @param group the group, or {@code null} for the portal-wide rules
	 * @param rules the rules
	 * @return the form
	 */
	static PolicyRulesForm of(@Nullable String group, PolicyRules rules) {
		return new PolicyRulesForm(group, List.copyOf(new TreeSet<>(rules.readScopes())),
				String.valueOf(rules.lowMaxAccessLevel()), String.valueOf(rules.lowMaxLifetimeDays()),
				String.valueOf(rules.standardMaxAccessLevel()), String.valueOf(rules.standardMaxLifetimeDays()),
				String.valueOf(rules.maxLifetimeDays()), List.copyOf(new TreeSet<>(rules.groupWriteScopes())),
				List.copyOf(new TreeSet<>(rules.forbiddenScopes())),
				rules.forbiddenAccessLevels().stream().sorted().map(String::valueOf).toList(),
				rules.minimumTier().name(), String.valueOf(rules.forbidAboveOwnLevel()),
				String.valueOf(rules.destinationsOutsideTopLevelGroup()), null);
	}

	/**
	 * Whether tokens above their requester's own level are forbidden, for the template
	 * and the rules.
	 * @return {@code true} when the box is ticked
	 */
	public boolean forbidsAboveOwnLevel() {
		return "true".equals(this.forbidAboveOwnLevel);
	}

	/**
	 * Whether CI/CD variable destinations outside the target's top-level group are
	 * allowed, for the template and the rules.
	 * @return {@code true} when the box is ticked
	 */
	public boolean allowsDestinationsOutsideTopLevelGroup() {
		return "true".equals(this.destinationsOutsideTopLevelGroup);
	}

	/**
	 * Whether a level's box is ticked, for the template.
	 * @param level the level
	 * @return {@code true} if forbidden
	 */
	public boolean forbidsLevel(int level) {
		return this.forbiddenAccessLevels.contains(String.valueOf(level));
	}

	/**
	 * The forbidden levels as numbers; only after validation.
	 * @return the levels
	 */
	Set<Integer> forbiddenLevels() {
		Set<Integer> levels = new LinkedHashSet<>();
		this.forbiddenAccessLevels.forEach((level) -> levels.add(Integer.valueOf(level)));
		return levels;
	}

	private static List<String> clean(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(new LinkedHashSet<>(values.stream().map(String::strip).toList()))
				: List.of();
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
