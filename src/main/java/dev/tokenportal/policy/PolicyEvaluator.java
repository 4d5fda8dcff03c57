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
					aboveOwnLevel("standard.above-own-level", input));
		}
		if (decision.tier().compareTo(rules.minimumTier()) < 0) {
			return new PolicyDecision(rules.minimumTier(), "minimum-tier",
					PolicyReason.of("minimum-tier", rules.minimumTier().named()));
		}
		return decision;
	}

	private static @Nullable PolicyDecision denied(PolicyRules rules, PolicyInput input, @Nullable String group) {
		if (input.scopes().isEmpty()) {
			return deny("denied.no-scopes");
		}
		Set<String> unknown = new TreeSet<>(input.scopes());
		unknown.removeIf(Scopes::isKnown);
		if (!unknown.isEmpty()) {
			return deny("denied.unknown-scope", String.join(", ", unknown));
		}
		Set<String> forbidden = new TreeSet<>(input.scopes());
		forbidden.retainAll(rules.forbiddenScopes());
		if (!forbidden.isEmpty()) {
			return deny("denied.forbidden-scope", String.join(", ", forbidden));
		}
		if (!List.of(10, 15, 20, 30, 40, 50).contains(input.accessLevel())) {
			return deny("denied.unknown-level", String.valueOf(input.accessLevel()));
		}
		if (rules.forbiddenAccessLevels().contains(input.accessLevel())) {
			return deny("denied.forbidden-level", AccessLevel.named(input.accessLevel()));
		}
		if (rules.forbidAboveOwnLevel() && input.aboveRequester()) {
			return (group != null)
					? deny("denied.above-own-level", AccessLevel.named(input.accessLevel()),
							AccessLevel.named(input.requesterAccessLevel()), group)
					: new PolicyDecision(Tier.DENIED, "denied.above-own-level",
							aboveOwnLevel("denied.above-own-level.here", input));
		}
		if (input.lifetimeDays() < 1) {
			return deny("denied.expiry-past");
		}
		if (input.lifetimeDays() > rules.maxLifetimeDays()) {
			return deny("denied.lifetime", rules.maxLifetimeDays());
		}
		return null;
	}

	private static PolicyDecision tier(PolicyRules rules, PolicyInput input) {
		if (input.aboveRequester() && input.accessLevel() > MAINTAINER) {
			return new PolicyDecision(Tier.HIGH, "high.above-own-level", aboveOwnLevel("high.above-own-level", input));
		}
		if (input.accessLevel() >= OWNER || input.accessLevel() > rules.standardMaxAccessLevel()) {
			return new PolicyDecision(Tier.HIGH, "high.access-level",
					PolicyReason.of("high.access-level", AccessLevel.named(input.accessLevel())));
		}
		if (input.targetType() == TargetType.GROUP
				&& input.scopes().stream().anyMatch(rules.groupWriteScopes()::contains)) {
			return new PolicyDecision(Tier.HIGH, "high.group-write", PolicyReason.of("high.group-write"));
		}
		if (input.lifetimeDays() > rules.standardMaxLifetimeDays()) {
			return new PolicyDecision(Tier.HIGH, "high.lifetime",
					PolicyReason.of("high.lifetime", rules.standardMaxLifetimeDays()));
		}
		boolean readOnly = rules.readScopes().containsAll(input.scopes());
		if (readOnly && input.targetType() == TargetType.PROJECT && input.accessLevel() <= rules.lowMaxAccessLevel()
				&& input.lifetimeDays() <= rules.lowMaxLifetimeDays()) {
			return new PolicyDecision(Tier.LOW, "low.read-only", PolicyReason.of("low.read-only",
					AccessLevel.named(rules.lowMaxAccessLevel()), rules.lowMaxLifetimeDays()));
		}
		return new PolicyDecision(Tier.STANDARD, "standard.default", standardReason(rules, input, readOnly));
	}

	private static PolicyReason standardReason(PolicyRules rules, PolicyInput input, boolean readOnly) {
		if (!readOnly) {
			return PolicyReason.of("standard.default.write");
		}
		if (input.targetType() == TargetType.GROUP) {
			return PolicyReason.of("standard.default.group");
		}
		if (input.accessLevel() > rules.lowMaxAccessLevel()) {
			return PolicyReason.of("standard.default.level", AccessLevel.named(input.accessLevel()));
		}
		return PolicyReason.of("standard.default.lifetime", rules.lowMaxLifetimeDays());
	}

	private static PolicyReason aboveOwnLevel(String key, PolicyInput input) {
		return PolicyReason.of(key, AccessLevel.named(input.accessLevel()),
				AccessLevel.named(input.requesterAccessLevel()));
	}

	private static PolicyDecision deny(String rule, Object... args) {
		return new PolicyDecision(Tier.DENIED, rule, PolicyReason.of(rule, args));
	}

}
