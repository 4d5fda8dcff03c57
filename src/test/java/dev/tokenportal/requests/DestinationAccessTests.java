package dev.tokenportal.requests;

import java.util.Set;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What decides a destination without asking GitLab: which role a destination needs, which
 * paths the form accepts, and how the top-level group rule combines and reads from rules
 * saved before it existed.
 *
 * @author Token Portal team
 */
class DestinationAccessTests {

	@Test
	void projectsNeedMaintainersAndGroupsOwners() {
		assertThat(DestinationAccess.requiredLevel(GitLabResource.PROJECT)).isEqualTo(40);
		assertThat(DestinationAccess.requiredLevel(GitLabResource.GROUP)).isEqualTo(50);
	}

	@Test
	void destinationPathsAreGitLabPaths() {
		for (String ok : new String[] { "platform", "platform/backend/api", "alice/scratch", "a_b/c-d/e.f" }) {
			assertThat(NewTokenRequestForms.DESTINATION_PATH.matcher(ok).matches()).as(ok).isTrue();
		}
		for (String bad : new String[] { "/platform", "platform/", "platform//api", "../platform", "platform/../x",
				"-x/y", "platform api", "https://gitlab/x", "platform/%2e%2e" }) {
			assertThat(NewTokenRequestForms.DESTINATION_PATH.matcher(bad).matches()).as(bad).isFalse();
		}
	}

	@Test
	void destinationsStayInsideUnlessBothRuleSetsAllowOutside() {
		PolicyRules inside = PolicyRules.defaults();
		PolicyRules outside = DeliveryRequestIntegrationTests.withDestinationsOutside(inside, true);
		assertThat(inside.destinationsOutsideTopLevelGroup()).as("the default keeps them inside").isFalse();
		assertThat(outside.stricter(outside).destinationsOutsideTopLevelGroup()).isTrue();
		assertThat(outside.stricter(inside).destinationsOutsideTopLevelGroup()).isFalse();
		assertThat(inside.stricter(outside).destinationsOutsideTopLevelGroup()).isFalse();
		assertThat(new PolicyRules(Set.of(), 20, 30, 40, 90, 365, Set.of(), Set.of(), Set.of(), Tier.LOW)
			.destinationsOutsideTopLevelGroup()).isFalse();
	}

	@Test
	void rulesSavedBeforeTheDestinationRuleExistedKeepDestinationsInside() {
		tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		String saved = mapper.writeValueAsString(PolicyRules.defaults())
			.replace(",\"destinationsOutsideTopLevelGroup\":false", "");
		assertThat(saved).doesNotContain("destinationsOutsideTopLevelGroup");
		assertThat(mapper.readValue(saved, PolicyRules.class)).isEqualTo(PolicyRules.defaults());
	}

}
