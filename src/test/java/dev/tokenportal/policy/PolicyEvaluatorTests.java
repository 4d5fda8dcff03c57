package dev.tokenportal.policy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval policy's table of cases, every boundary of design.md's tiers included.
 *
 * @author Token Portal team
 */
class PolicyEvaluatorTests {

	@ParameterizedTest(name = "{0} {1} level {2} {3} days -> {4} ({5})")
	@CsvSource(delimiter = '|', textBlock = """
			# target | scopes                         | level | days | tier     | rule
			PROJECT  | read_api                       | 20    | 30   | LOW      | low.read-only
			PROJECT  | read_api                       | 10    | 1    | LOW      | low.read-only
			PROJECT  | read_repository read_registry  | 15    | 7    | LOW      | low.read-only
			PROJECT  | read_api read_repository       | 20    | 29   | LOW      | low.read-only
			PROJECT  | read_virtual_registry          | 20    | 30   | LOW      | low.read-only
			PROJECT  | read_api                       | 20    | 31   | STANDARD | standard.default
			PROJECT  | read_api                       | 30    | 30   | STANDARD | standard.default
			PROJECT  | read_api                       | 40    | 90   | STANDARD | standard.default
			PROJECT  | write_repository               | 30    | 14   | STANDARD | standard.default
			PROJECT  | api                            | 40    | 90   | STANDARD | standard.default
			PROJECT  | api                            | 10    | 1    | STANDARD | standard.default
			PROJECT  | read_api write_registry        | 20    | 30   | STANDARD | standard.default
			PROJECT  | read_api                       | 40    | 91   | HIGH     | high.lifetime
			PROJECT  | api                            | 40    | 365  | HIGH     | high.lifetime
			PROJECT  | read_api                       | 50    | 1    | HIGH     | high.access-level
			PROJECT  | api                            | 50    | 90   | HIGH     | high.access-level
			GROUP    | read_api                       | 20    | 30   | STANDARD | standard.default
			GROUP    | read_api read_repository       | 40    | 90   | STANDARD | standard.default
			GROUP    | api                            | 20    | 7    | HIGH     | high.group-write
			GROUP    | write_repository               | 30    | 30   | HIGH     | high.group-write
			GROUP    | read_api create_runner         | 20    | 30   | HIGH     | high.group-write
			GROUP    | read_api                       | 50    | 30   | HIGH     | high.access-level
			GROUP    | read_api                       | 40    | 91   | HIGH     | high.lifetime
			PROJECT  | read_api                       | 20    | 366  | DENIED   | denied.lifetime
			GROUP    | api                            | 50    | 400  | DENIED   | denied.lifetime
			PROJECT  | read_api                       | 20    | 0    | DENIED   | denied.expiry-past
			PROJECT  | read_api                       | 20    | -3   | DENIED   | denied.expiry-past
			PROJECT  | read_user                      | 20    | 30   | DENIED   | denied.unknown-scope
			PROJECT  | sudo api                       | 40    | 30   | DENIED   | denied.unknown-scope
			PROJECT  | read_api                       | 0     | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 60    | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 25    | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 20    | 365  | HIGH     | high.lifetime
			""")
	void defaultPolicy(TargetType target, String scopes, int level, long days, Tier tier, String rule) {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(target, scopes(scopes), level, days));
		assertThat(decision.tier()).isEqualTo(tier);
		assertThat(decision.rule()).isEqualTo(rule);
		assertThat(decision.reason()).isNotBlank();
	}

	@Test
	void noScopesIsDenied() {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(TargetType.PROJECT, Set.of(), 20, 30));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
		assertThat(decision.rule()).isEqualTo("denied.no-scopes");
	}

	@Test
	void requiredApprovalsFollowTheTier() {
		assertThat(Tier.LOW.requiredApprovals()).isZero();
		assertThat(Tier.STANDARD.requiredApprovals()).isOne();
		assertThat(Tier.HIGH.requiredApprovals()).isEqualTo(2);
	}

	@Test
	void adminForbiddenScopeIsDeniedWithTheScopeNamed() {
		PolicyRules rules = withForbidden(Set.of("write_repository"), Set.of());
		PolicyDecision decision = PolicyEvaluator.evaluate(rules,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api", "write_repository"), 30, 30));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
		assertThat(decision.rule()).isEqualTo("denied.forbidden-scope");
		assertThat(decision.reason()).contains("write_repository");
	}

	@Test
	void adminForbiddenLevelIsDenied() {
		PolicyRules rules = withForbidden(Set.of(), Set.of(50));
		PolicyDecision decision = PolicyEvaluator.evaluate(rules,
				new PolicyInput(TargetType.GROUP, Set.of("read_api"), 50, 30));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
		assertThat(decision.rule()).isEqualTo("denied.forbidden-level");
		assertThat(decision.reason()).contains("Owner");
	}

	@Test
	void groupOverrideCanOnlyTighten() {
		PolicyRules defaults = PolicyRules.defaults();
		PolicyRules looser = new PolicyRules(Set.of("read_api", "api"), 40, 300, 50, 365, 365, Set.of(), Set.of(),
				Set.of(), Tier.LOW);
		PolicyRules combined = defaults.stricter(looser);
		assertThat(combined.readScopes()).containsExactly("read_api");
		assertThat(combined.lowMaxAccessLevel()).isEqualTo(20);
		assertThat(combined.lowMaxLifetimeDays()).isEqualTo(30);
		assertThat(combined.standardMaxLifetimeDays()).isEqualTo(90);
		assertThat(combined.groupWriteScopes()).containsAll(defaults.groupWriteScopes());
		PolicyDecision decision = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("api"), 40, 200));
		assertThat(decision.tier()).isEqualTo(Tier.HIGH);
	}

	@Test
	void groupOverrideWithMinimumTierRaisesLowRequests() {
		PolicyRules override = new PolicyRules(PolicyRules.defaults().readScopes(), 20, 30, 40, 90, 180, Set.of(),
				Set.of(), Set.of(), Tier.STANDARD);
		PolicyRules combined = PolicyRules.defaults().stricter(override);
		PolicyDecision lowAsked = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 7));
		assertThat(lowAsked.tier()).isEqualTo(Tier.STANDARD);
		assertThat(lowAsked.rule()).isEqualTo("minimum-tier");
		PolicyDecision tooLong = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 181));
		assertThat(tooLong.tier()).isEqualTo(Tier.DENIED);
		assertThat(tooLong.reason()).contains("180 days");
	}

	@Test
	void deniedBeatsMinimumTier() {
		PolicyRules override = new PolicyRules(Set.of(), 10, 1, 10, 1, 365, Set.of(), Set.of(), Set.of(), Tier.HIGH);
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults().stricter(override),
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 400));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
	}

	private static PolicyRules withForbidden(Set<String> scopes, Set<Integer> levels) {
		PolicyRules d = PolicyRules.defaults();
		return new PolicyRules(d.readScopes(), d.lowMaxAccessLevel(), d.lowMaxLifetimeDays(),
				d.standardMaxAccessLevel(), d.standardMaxLifetimeDays(), d.maxLifetimeDays(), d.groupWriteScopes(),
				scopes, levels, d.minimumTier());
	}

	private static Set<String> scopes(String text) {
		return Arrays.stream(text.trim().split("\\s+")).collect(Collectors.toSet());
	}

}
