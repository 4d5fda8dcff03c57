package dev.tokenportal.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The approval policy as a pure function: the same code answers the form's live preview
 * and decides at submit. Rules are checked from the strictest down; the first that fires
 * decides.
 *
 * @author Token Portal team
 */
public final class PolicyEvaluator {

	private static final int OWNER = 50;

	private static final int MAINTAINER = 40;

	private PolicyEvaluator() {
	}

	/**
	 * Decides the tier of a request.
	 * @param rules the effective rules (defaults, tightened by the target's top-level
	 * group)
	 * @param input the request
	 * @return the decision
	 */
	public static PolicyDecision evaluate(PolicyRules rules, PolicyInput input) {
		return evaluate(rules, input, null);
	}

	/**
	 * Decides the tier of a request on a target in a top-level group.
	 * @param rules the effective rules (defaults, tightened by the target's top-level
	 * group)
	 * @param input the request
	 * @param group the target's top-level group, named in reasons that come from its
	 * rules; {@code null} when unknown
	 * @return the decision
	 */
	public static PolicyDecision evaluate(PolicyRules rules, PolicyInput input, @Nullable String group) {
		PolicyDecision denied = denied(rules, input, group);
		if (denied != null) {
			return denied;
		}
		PolicyDecision decision = tier(rules, input);
		if (decision.tier() == Tier.LOW && input.aboveRequester()) {
			// a token must not read what its requester cannot: an Owner looks first
			decision = new PolicyDecision(Tier.STANDARD, "standard.above-own-level",
					aboveOwnLevel(input) + ": an Owner must approve");
		}
		if (decision.tier().compareTo(rules.minimumTier()) < 0) {
			return new PolicyDecision(rules.minimumTier(), "minimum-tier", "this group requires at least "
					+ rules.minimumTier().name().toLowerCase() + " scrutiny for every token");
		}
		return decision;
	}

	private static @Nullable PolicyDecision denied(PolicyRules rules, PolicyInput input, @Nullable String group) {
		if (input.scopes().isEmpty()) {
			return deny("denied.no-scopes", "choose at least one scope");
		}
		Set<String> unknown = new TreeSet<>(input.scopes());
		unknown.removeIf(Scopes::isKnown);
		if (!unknown.isEmpty()) {
			return deny("denied.unknown-scope", "GitLab has no such token scope: " + String.join(", ", unknown));
		}
		Set<String> forbidden = new TreeSet<>(input.scopes());
		forbidden.retainAll(rules.forbiddenScopes());
		if (!forbidden.isEmpty()) {
			return deny("denied.forbidden-scope",
					"an administrator has forbidden the scope " + String.join(", ", forbidden));
		}
		if (!List.of(10, 15, 20, 30, 40, 50).contains(input.accessLevel())) {
			return deny("denied.unknown-level", "GitLab has no access level " + input.accessLevel());
		}
		if (rules.forbiddenAccessLevels().contains(input.accessLevel())) {
			return deny("denied.forbidden-level",
					"an administrator has forbidden access level " + AccessLevel.label(input.accessLevel()));
		}
		if (rules.forbidAboveOwnLevel() && input.aboveRequester()) {
			return deny("denied.above-own-level", aboveOwnLevel(input) + ", and an administrator does not allow tokens "
					+ "above their requester's own access " + ((group != null) ? "in the group " + group : "here"));
		}
		if (input.lifetimeDays() < 1) {
			return deny("denied.expiry-past", "the expiry date must be after today");
		}
		if (input.lifetimeDays() > rules.maxLifetimeDays()) {
			return deny("denied.lifetime", "a token may live at most " + rules.maxLifetimeDays() + " days");
		}
		return null;
	}

	private static PolicyDecision tier(PolicyRules rules, PolicyInput input) {
		if (input.aboveRequester() && input.accessLevel() > MAINTAINER) {
			return new PolicyDecision(Tier.HIGH, "high.above-own-level",
					aboveOwnLevel(input) + ": two Owners must approve");
		}
		if (input.accessLevel() >= OWNER || input.accessLevel() > rules.standardMaxAccessLevel()) {
			return new PolicyDecision(Tier.HIGH, "high.access-level",
					AccessLevel.label(input.accessLevel()) + " access needs two Owners' approval");
		}
		if (input.targetType() == TargetType.GROUP
				&& input.scopes().stream().anyMatch(rules.groupWriteScopes()::contains)) {
			return new PolicyDecision(Tier.HIGH, "high.group-write",
					"a group token that can write needs two Owners' approval");
		}
		if (input.lifetimeDays() > rules.standardMaxLifetimeDays()) {
			return new PolicyDecision(Tier.HIGH, "high.lifetime",
					"a token living more than " + rules.standardMaxLifetimeDays() + " days needs two Owners' approval");
		}
		boolean readOnly = rules.readScopes().containsAll(input.scopes());
		if (readOnly && input.targetType() == TargetType.PROJECT && input.accessLevel() <= rules.lowMaxAccessLevel()
				&& input.lifetimeDays() <= rules.lowMaxLifetimeDays()) {
			return new PolicyDecision(Tier.LOW, "low.read-only",
					"read-only project token, at most " + AccessLevel.label(rules.lowMaxAccessLevel())
							+ ", for at most " + rules.lowMaxLifetimeDays() + " days: granted at once");
		}
		return new PolicyDecision(Tier.STANDARD, "standard.default", standardReason(rules, input, readOnly));
	}

	private static String standardReason(PolicyRules rules, PolicyInput input, boolean readOnly) {
		if (!readOnly) {
			return "the token can write, so an Owner must approve";
		}
		if (input.targetType() == TargetType.GROUP) {
			return "group tokens need an Owner's approval";
		}
		if (input.accessLevel() > rules.lowMaxAccessLevel()) {
			return AccessLevel.label(input.accessLevel()) + " access needs an Owner's approval";
		}
		return "a token living more than " + rules.lowMaxLifetimeDays() + " days needs an Owner's approval";
	}

	private static String aboveOwnLevel(PolicyInput input) {
		return "the token would be " + AccessLevel.label(input.accessLevel()) + ", above your own "
				+ AccessLevel.label(input.requesterAccessLevel()) + " access";
	}

	private static PolicyDecision deny(String rule, String reason) {
		return new PolicyDecision(Tier.DENIED, rule, reason);
	}

}
