package dev.tokenportal.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval policy's table of cases, every boundary of design.md's tiers included.
 *
 * @author Token Portal team
 */
class PolicyEvaluatorTests {

	private static final int OWNER = 50;

	/** The bundles the pages read, as application.yaml names them. */
	private static final ResourceBundleMessageSource BUNDLES = new ResourceBundleMessageSource();

	static {
		BUNDLES.setBasenames("messages", "messages/policy");
		BUNDLES.setDefaultEncoding("UTF-8");
		BUNDLES.setFallbackToSystemLocale(false);
	}

	@ParameterizedTest(name = "{0} {1} level {2} (own {3}) {4} days -> {5} ({6})")
	@CsvSource(delimiter = '|', textBlock = """
			# target | scopes                         | level | own | days | tier     | rule
			PROJECT  | read_api                       | 20    | 50  | 30   | LOW      | low.read-only
			PROJECT  | read_api                       | 10    | 50  | 1    | LOW      | low.read-only
			PROJECT  | read_repository read_registry  | 15    | 50  | 7    | LOW      | low.read-only
			PROJECT  | read_api read_repository       | 20    | 50  | 29   | LOW      | low.read-only
			PROJECT  | read_virtual_registry          | 20    | 50  | 30   | LOW      | low.read-only
			PROJECT  | read_api                       | 20    | 50  | 31   | STANDARD | standard.default
			PROJECT  | read_api                       | 30    | 50  | 30   | STANDARD | standard.default
			PROJECT  | read_api                       | 40    | 50  | 90   | STANDARD | standard.default
			PROJECT  | write_repository               | 30    | 50  | 14   | STANDARD | standard.default
			PROJECT  | api                            | 40    | 50  | 90   | STANDARD | standard.default
			PROJECT  | api                            | 10    | 50  | 1    | STANDARD | standard.default
			PROJECT  | read_api write_registry        | 20    | 50  | 30   | STANDARD | standard.default
			PROJECT  | read_api                       | 40    | 50  | 91   | HIGH     | high.lifetime
			PROJECT  | api                            | 40    | 50  | 365  | HIGH     | high.lifetime
			PROJECT  | read_api                       | 50    | 50  | 1    | HIGH     | high.access-level
			PROJECT  | api                            | 50    | 50  | 90   | HIGH     | high.access-level
			GROUP    | read_api                       | 20    | 50  | 30   | STANDARD | standard.default
			GROUP    | read_api read_repository       | 40    | 50  | 90   | STANDARD | standard.default
			GROUP    | api                            | 20    | 50  | 7    | HIGH     | high.group-write
			GROUP    | write_repository               | 30    | 50  | 30   | HIGH     | high.group-write
			GROUP    | read_api create_runner         | 20    | 50  | 30   | HIGH     | high.group-write
			GROUP    | read_api                       | 50    | 50  | 30   | HIGH     | high.access-level
			GROUP    | read_api                       | 40    | 50  | 91   | HIGH     | high.lifetime
			PROJECT  | read_api                       | 20    | 50  | 366  | DENIED   | denied.lifetime
			GROUP    | api                            | 50    | 50  | 400  | DENIED   | denied.lifetime
			PROJECT  | read_api                       | 20    | 50  | 0    | DENIED   | denied.expiry-past
			PROJECT  | read_api                       | 20    | 50  | -3   | DENIED   | denied.expiry-past
			PROJECT  | read_user                      | 20    | 50  | 30   | DENIED   | denied.unknown-scope
			PROJECT  | sudo api                       | 40    | 50  | 30   | DENIED   | denied.unknown-scope
			PROJECT  | read_api                       | 0     | 50  | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 60    | 50  | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 25    | 50  | 30   | DENIED   | denied.unknown-level
			PROJECT  | read_api                       | 20    | 50  | 365  | HIGH     | high.lifetime
			# a token above its requester's own level is never granted at once
			PROJECT  | read_repository                | 20    | 10  | 30   | STANDARD | standard.above-own-level
			PROJECT  | read_api                       | 15    | 10  | 1    | STANDARD | standard.above-own-level
			PROJECT  | read_api                       | 20    | 15  | 30   | STANDARD | standard.above-own-level
			PROJECT  | read_api                       | 20    | 20  | 30   | LOW      | low.read-only
			PROJECT  | read_api                       | 10    | 5   | 7    | STANDARD | standard.above-own-level
			PROJECT  | read_api                       | 30    | 20  | 30   | STANDARD | standard.default
			PROJECT  | api                            | 40    | 30  | 30   | STANDARD | standard.default
			PROJECT  | read_api                       | 40    | 10  | 91   | HIGH     | high.lifetime
			GROUP    | read_api                       | 20    | 10  | 30   | STANDARD | standard.default
			# above its requester and above Maintainer: high whatever the thresholds
			PROJECT  | read_api                       | 50    | 40  | 1    | HIGH     | high.above-own-level
			GROUP    | read_api                       | 50    | 30  | 30   | HIGH     | high.above-own-level
			PROJECT  | read_api                       | 50    | 50  | 1    | HIGH     | high.access-level
			""")
	void defaultPolicy(TargetType target, String scopes, int level, int own, long days, Tier tier, String rule) {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(target, scopes(scopes), level, days, own));
		assertThat(decision.tier()).isEqualTo(tier);
		assertThat(decision.rule()).isEqualTo(rule);
		assertThat(decision.reason().code()).as("a code, not a sentence").startsWith("policy.reason." + rule);
		assertThat(english(decision.reason())).as("every reason has words in the bundle").isNotBlank();
	}

	@Test
	void noScopesIsDenied() {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(TargetType.PROJECT, Set.of(), 20, 30, OWNER));
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
				new PolicyInput(TargetType.PROJECT, Set.of("read_api", "write_repository"), 30, 30, OWNER));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
		assertThat(decision.rule()).isEqualTo("denied.forbidden-scope");
		assertThat(decision.reason().args()).containsExactly("write_repository");
		assertThat(english(decision.reason())).isEqualTo("an administrator has forbidden the scope write_repository");
	}

	@Test
	void adminForbiddenLevelIsDenied() {
		PolicyRules rules = withForbidden(Set.of(), Set.of(50));
		PolicyDecision decision = PolicyEvaluator.evaluate(rules,
				new PolicyInput(TargetType.GROUP, Set.of("read_api"), 50, 30, OWNER));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
		assertThat(decision.rule()).isEqualTo("denied.forbidden-level");
		assertThat(decision.reason().args()).containsExactly(level(50));
		assertThat(english(decision.reason())).isEqualTo("an administrator has forbidden access level Owner");
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
				new PolicyInput(TargetType.PROJECT, Set.of("api"), 40, 200, OWNER));
		assertThat(decision.tier()).isEqualTo(Tier.HIGH);
	}

	@Test
	void groupOverrideWithMinimumTierRaisesLowRequests() {
		PolicyRules override = new PolicyRules(PolicyRules.defaults().readScopes(), 20, 30, 40, 90, 180, Set.of(),
				Set.of(), Set.of(), Tier.STANDARD);
		PolicyRules combined = PolicyRules.defaults().stricter(override);
		PolicyDecision lowAsked = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 7, OWNER));
		assertThat(lowAsked.tier()).isEqualTo(Tier.STANDARD);
		assertThat(lowAsked.rule()).isEqualTo("minimum-tier");
		assertThat(english(lowAsked.reason())).as("the tier's one spelling from the bundle")
			.isEqualTo("this group requires at least standard scrutiny for every token");
		PolicyDecision tooLong = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 181, OWNER));
		assertThat(tooLong.tier()).isEqualTo(Tier.DENIED);
		assertThat(tooLong.reason()).isEqualTo(new PolicyReason("policy.reason.denied.lifetime", List.of(180)));
		assertThat(english(tooLong.reason())).isEqualTo("a token may live at most 180 days");
	}

	@Test
	void deniedBeatsMinimumTier() {
		PolicyRules override = new PolicyRules(Set.of(), 10, 1, 10, 1, 365, Set.of(), Set.of(), Set.of(), Tier.HIGH);
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults().stricter(override),
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 400, OWNER));
		assertThat(decision.tier()).isEqualTo(Tier.DENIED);
	}

	@Test
	void aboveOwnLevelSaysBothLevelsInPlainWords() {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(TargetType.PROJECT, Set.of("read_repository"), 20, 7, 10));
		assertThat(decision.tier()).isEqualTo(Tier.STANDARD);
		assertThat(decision.reason())
			.isEqualTo(new PolicyReason("policy.reason.standard.above-own-level", List.of(level(20), level(10))));
		assertThat(english(decision.reason()))
			.isEqualTo("the token would be Reporter, above your own Guest access: an Owner must approve");
	}

	@Test
	void aboveOwnLevelAndAboveMaintainerIsHighWhateverTheThresholds() {
		PolicyRules loose = new PolicyRules(Scopes.READ_ONLY, 50, 365, 50, 365, 365, Set.of(), Set.of(), Set.of(),
				Tier.LOW);
		PolicyDecision owner = PolicyEvaluator.evaluate(loose,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 50, 7, 40));
		assertThat(owner.tier()).isEqualTo(Tier.HIGH);
		assertThat(owner.rule()).isEqualTo("high.above-own-level");
		assertThat(english(owner.reason())).contains("Owner, above your own Maintainer access", "two Owners");
		PolicyDecision maintainer = PolicyEvaluator.evaluate(loose,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 40, 7, 30));
		assertThat(maintainer.tier()).as("loose thresholds would grant it at once").isEqualTo(Tier.STANDARD);
		assertThat(maintainer.rule()).isEqualTo("standard.above-own-level");
		assertThat(PolicyEvaluator.evaluate(loose, new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 40, 7, 40))
			.tier()).as("at the requester's own level").isEqualTo(Tier.LOW);
	}

	@Test
	void aGroupThatForbidsAboveOwnLevelDeniesItNamingTheGroup() {
		PolicyRules d = PolicyRules.defaults();
		PolicyRules forbidding = new PolicyRules(d.readScopes(), d.lowMaxAccessLevel(), d.lowMaxLifetimeDays(),
				d.standardMaxAccessLevel(), d.standardMaxLifetimeDays(), d.maxLifetimeDays(), d.groupWriteScopes(),
				d.forbiddenScopes(), d.forbiddenAccessLevels(), d.minimumTier(), true);
		PolicyRules combined = d.stricter(forbidding);
		assertThat(combined.forbidAboveOwnLevel()).isTrue();
		assertThat(forbidding.stricter(d).forbidAboveOwnLevel()).as("either side forbids").isTrue();
		PolicyDecision above = PolicyEvaluator.evaluate(combined,
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 40, 7, 30), "platform");
		assertThat(above.tier()).isEqualTo(Tier.DENIED);
		assertThat(above.rule()).isEqualTo("denied.above-own-level");
		assertThat(above.reason().args()).containsExactly(level(40), level(30), "platform");
		assertThat(english(above.reason())).contains("Maintainer, above your own Developer access", "group platform");
		assertThat(PolicyEvaluator
			.evaluate(combined, new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 30, 7, 30), "platform")
			.tier()).as("at the requester's own level").isEqualTo(Tier.STANDARD);
	}

	@Test
	void rulesSavedBeforeTheFlagExistedStillRead() {
		String saved = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.writeValueAsString(PolicyRules.defaults())
			.replace(",\"forbidAboveOwnLevel\":false", "");
		assertThat(saved).doesNotContain("forbidAboveOwnLevel");
		PolicyRules read = tools.jackson.databind.json.JsonMapper.builder().build().readValue(saved, PolicyRules.class);
		assertThat(read).isEqualTo(PolicyRules.defaults());
	}

	@Test
	void aReadOnlyProjectTokenSaysItsLimitsInTheBundlesWords() {
		PolicyDecision decision = PolicyEvaluator.evaluate(PolicyRules.defaults(),
				new PolicyInput(TargetType.PROJECT, Set.of("read_api"), 20, 7, OWNER));
		assertThat(decision.reason())
			.isEqualTo(new PolicyReason("policy.reason.low.read-only", List.of(level(20), 30)));
		assertThat(english(decision.reason()))
			.isEqualTo("read-only project token, at most Reporter, for at most 30 days: granted at once");
	}

	@Test
	void accessLevelNamesComeFromTheBundle() {
		assertThat(AccessLevel.TOKEN_LEVELS)
			.allSatisfy((level, name) -> assertThat(english(AccessLevel.named(level))).isEqualTo(name)
				.isEqualTo(BUNDLES.getMessage("accessLevel." + level, null, Locale.ENGLISH)));
		assertThat(Arrays.stream(Tier.values()).map((tier) -> english(tier.named()))).containsExactly("low", "standard",
				"high", "denied");
	}

	private static MessageSourceResolvable level(int level) {
		return new DefaultMessageSourceResolvable(new String[] { "accessLevel." + level }, AccessLevel.label(level));
	}

	private static String english(MessageSourceResolvable reason) {
		return BUNDLES.getMessage(reason, Locale.ENGLISH);
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
