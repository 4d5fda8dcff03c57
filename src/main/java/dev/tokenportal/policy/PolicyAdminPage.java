package dev.tokenportal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What the policy admin page shows: the portal-wide rules in force, each group's
 * override, every version ever saved, and the choices the forms offer.
 *
 * @param defaults the portal-wide rules in force
 * @param defaultsVersion the version that set them, or {@code null} while the built-in
 * defaults apply
 * @param overrides the groups' overrides, by group
 * @param history every version, newest first
 * @author Token Portal team
 */
public record PolicyAdminPage(PolicyRules defaults, @Nullable PolicyVersion defaultsVersion,
		List<GroupOverride> overrides, List<PolicyVersion> history) {

	/**
	 * The scopes the forms offer.
	 * @return every scope GitLab knows for resource tokens
	 */
	public List<String> scopes() {
		return Scopes.ALL;
	}

	/**
	 * The access levels the forms offer, lowest first.
	 * @return the levels
	 */
	public List<Integer> levels() {
		return List.of(10, 20, 30, 40, 50);
	}

	/**
	 * The tiers a minimum can be.
	 * @return low, standard, high
	 */
	public List<Tier> tiers() {
		return List.of(Tier.LOW, Tier.STANDARD, Tier.HIGH);
	}

	/**
	 * What a rule set forbids, each to resolve: scopes as GitLab names them, levels and
	 * tokens above their requester's level in words.
	 * @param rules the rules
	 * @return the forbidden scopes and levels, empty when nothing is forbidden
	 */
	public List<MessageSourceResolvable> forbidden(PolicyRules rules) {
		List<MessageSourceResolvable> all = new ArrayList<>();
		new TreeSet<>(rules.forbiddenScopes())
			.forEach((scope) -> all.add(new DefaultMessageSourceResolvable(null, null, scope)));
		rules.forbiddenAccessLevels().stream().sorted().forEach((level) -> all.add(AccessLevel.named(level)));
		if (rules.forbidAboveOwnLevel()) {
			all.add(new DefaultMessageSourceResolvable("policy.rules.forbidden.aboveOwnLevel"));
		}
		return all;
	}

}
