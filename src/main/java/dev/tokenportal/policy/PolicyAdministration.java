package dev.tokenportal.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.validation.Errors;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Portal admins edit the approval policy here: the portal-wide thresholds and each
 * top-level group's stricter override. Every change is a new version, saved and audited
 * by {@link PolicyService#change}; invalid input saves nothing.
 *
 * @author Token Portal team
 */
@Service
public class PolicyAdministration {

	/** A top-level group's path: one segment, as GitLab allows it. */
	static final Pattern TOP_LEVEL_GROUP = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

	private static final List<Integer> LEVELS = List.of(10, 20, 30, 40, 50);

	private final PolicyService policy;

	private final SpringValidatorAdapter validator;

	PolicyAdministration(PolicyService policy, Validator validator) {
		this.policy = policy;
		this.validator = new SpringValidatorAdapter(validator);
	}

	/**
	 * The policy as it stands, with its history.
	 * @return the page
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public PolicyAdminPage page() {
		List<PolicyVersion> history = this.policy.history();
		Map<String, PolicyVersion> newestPerGroup = new LinkedHashMap<>();
		history.stream()
			.filter((version) -> !version.scope().equals(PolicyService.DEFAULT_SCOPE))
			.forEach((version) -> newestPerGroup.putIfAbsent(version.scope(), version));
		List<GroupOverride> overrides = new ArrayList<>();
		newestPerGroup.values()
			.stream()
			.sorted(Comparator.comparing(PolicyVersion::scope))
			.forEach((version) -> overrides.add(new GroupOverride(version, this.policy.rulesFor(version.scope()))));
		return new PolicyAdminPage(this.policy.rulesFor(PolicyService.DEFAULT_SCOPE),
				this.policy.latest(PolicyService.DEFAULT_SCOPE).orElse(null), overrides, history);
	}

	/**
	 * The form for a group's override: its newest rules, or the portal-wide rules for a
	 * group that has none yet.
	 * @param group the top-level group, or {@code null} for a new override
	 * @return the form
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public PolicyRulesForm overrideForm(@Nullable String group) {
		PolicyRules rules = (group != null) ? this.policy.latest(group).map(PolicyVersion::rules).orElse(null) : null;
		return PolicyRulesForm.of(group, (rules != null) ? rules : this.policy.rulesFor(PolicyService.DEFAULT_SCOPE));
	}

	/**
	 * Saves new portal-wide rules.
	 * @param form the rules and the reason
	 * @param errors where refusals go
	 * @param admin who changes them
	 * @return the new version, or {@code null} when the form was refused
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public @Nullable PolicyVersion changeDefaults(PolicyRulesForm form, Errors errors, PolicyEditor admin) {
		PolicyRules rules = rules(form, errors);
		if (rules == null) {
			return null;
		}
		return this.policy.change(PolicyService.DEFAULT_SCOPE, rules, true, form.comment(), admin);
	}

	/**
	 * Adds or changes a top-level group's override, and switches it on.
	 * @param form the group, its rules and the reason
	 * @param errors where refusals go
	 * @param admin who changes them
	 * @return the new version, or {@code null} when the form was refused
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public @Nullable PolicyVersion changeOverride(PolicyRulesForm form, Errors errors, PolicyEditor admin) {
		String group = form.group();
		if (group == null) {
			errors.rejectValue("group", "policy.form.group.required");
		}
		else if (!TOP_LEVEL_GROUP.matcher(group).matches()) {
			errors.rejectValue("group", "policy.form.group.invalid");
		}
		PolicyRules rules = rules(form, errors);
		if (rules == null || group == null || errors.hasErrors()) {
			return null;
		}
		return this.policy.change(group, rules, true, form.comment(), admin);
	}

	/**
	 * Switches a group's override off; its rules are kept as a new, inactive version.
	 * @param group the top-level group
	 * @param comment why
	 * @param admin who
	 * @return the new version
	 * @throws PolicyOverrideNotFoundException when the group has no override
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public PolicyVersion deactivate(String group, String comment, PolicyEditor admin) {
		PolicyVersion latest = (group.equals(PolicyService.DEFAULT_SCOPE)) ? null
				: this.policy.latest(group).orElse(null);
		if (latest == null) {
			throw new PolicyOverrideNotFoundException(group);
		}
		return this.policy.change(group, latest.rules(), false, comment, admin);
	}

	private @Nullable PolicyRules rules(PolicyRulesForm form, Errors errors) {
		this.validator.validate(form, errors);
		Integer lowLevel = level(form.lowMaxAccessLevel(), "lowMaxAccessLevel", errors);
		Integer standardLevel = level(form.standardMaxAccessLevel(), "standardMaxAccessLevel", errors);
		scopes(form.readScopes(), "readScopes", errors);
		scopes(form.groupWriteScopes(), "groupWriteScopes", errors);
		scopes(form.forbiddenScopes(), "forbiddenScopes", errors);
		form.forbiddenAccessLevels().forEach((level) -> level(level, "forbiddenAccessLevels", errors));
		Tier minimumTier = tier(form.minimumTier(), errors);
		Integer lowDays = days(form.lowMaxLifetimeDays(), "lowMaxLifetimeDays", errors);
		Integer standardDays = days(form.standardMaxLifetimeDays(), "standardMaxLifetimeDays", errors);
		Integer maxDays = days(form.maxLifetimeDays(), "maxLifetimeDays", errors);
		if (errors.hasErrors()) {
			return null;
		}
		if (lowLevel > standardLevel) {
			errors.rejectValue("lowMaxAccessLevel", "policy.form.lowAboveStandardLevel");
		}
		if (lowDays > standardDays) {
			errors.rejectValue("lowMaxLifetimeDays", "policy.form.lowAboveStandardLifetime");
		}
		if (standardDays > maxDays) {
			errors.rejectValue("standardMaxLifetimeDays", "policy.form.standardAboveMaxLifetime");
		}
		if (errors.hasErrors()) {
			return null;
		}
		return new PolicyRules(new LinkedHashSet<>(form.readScopes()), lowLevel, lowDays, standardLevel, standardDays,
				maxDays, new LinkedHashSet<>(form.groupWriteScopes()), new LinkedHashSet<>(form.forbiddenScopes()),
				form.forbiddenLevels(), minimumTier, form.forbidsAboveOwnLevel(),
				form.allowsDestinationsOutsideTopLevelGroup());
	}

	private static @Nullable Integer level(@Nullable String value, String field, Errors errors) {
		if (value == null) {
			return null;
		}
		if (!value.matches("[0-9]{2}") || !LEVELS.contains(Integer.valueOf(value))) {
			errors.rejectValue(field, "policy.form.level.invalid");
			return null;
		}
		return Integer.valueOf(value);
	}

	private static @Nullable Integer days(@Nullable String value, String field, Errors errors) {
		if (value == null) {
			return null;
		}
		int days = value.matches("[0-9]{1,3}") ? Integer.parseInt(value) : -1;
		if (days < 1 || days > PolicyRules.GITLAB_MAX_LIFETIME_DAYS) {
			errors.rejectValue(field, "policy.form.days");
			return null;
		}
		return days;
	}

	private static void scopes(List<String> scopes, String field, Errors errors) {
		scopes.stream()
			.filter((scope) -> !Scopes.isKnown(scope))
			.findFirst()
			.ifPresent((unknown) -> errors.rejectValue(field, "policy.form.scope.unknown",
					new Object[] { unknown.replaceAll("\\p{Cntrl}", "?") }, null));
	}

	private static Tier tier(@Nullable String value, Errors errors) {
		for (Tier tier : List.of(Tier.LOW, Tier.STANDARD, Tier.HIGH)) {
			if (tier.name().equals(value)) {
				return tier;
			}
		}
		if (value != null) {
			errors.rejectValue("minimumTier", "policy.form.tier.invalid");
		}
		return Tier.LOW;
	}

}
