package dev.tokenportal.policy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.security.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The policy admin pages in the web slice, with {@link PolicyAdministration}'s checks for
 * real and {@link PolicyService} mocked: only portal admins reach them, and bad input is
 * refused next to its field with nothing saved. That a saved change is the rule the next
 * submit uses is in {@link PolicyAdminIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class PolicyAdminControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	PolicyService policy;

	@BeforeEach
	void theBuiltInDefaultsAreInForce() {
		given(this.policy.rulesFor(any())).willReturn(PolicyRules.defaults());
		given(this.policy.latest(any())).willReturn(Optional.empty());
		given(this.policy.change(any(), any(), anyBoolean(), any(), any()))
			.willAnswer((call) -> new PolicyVersion(7, call.getArgument(0), call.getArgument(1), call.getArgument(2),
					"erin", Instant.now(), call.getArgument(3)));
	}

	@Test
	void anAdminSeesTheRulesInForce() {
		assertThat(this.mvc.get().uri("/admin/policy").with(SignedIn.erin())).hasStatusOk()
			.hasViewName("policy/admin")
			.bodyText()
			.contains("Portal-wide rules", "id=\"defaults-form\"", "Version history")
			.containsPattern("name=\"maxLifetimeDays\" min=\"1\" max=\"365\"\\s+value=\"365\"");
	}

	@Test
	void nobodyElseReachesThePolicyPagesOrChangesAnything() {
		for (OidcLoginRequestPostProcessor user : new OidcLoginRequestPostProcessor[] { SignedIn.alice(),
				SignedIn.dave() }) {
			assertThat(this.mvc.get().uri("/admin/policy").with(user)).hasStatus(403);
			assertThat(this.mvc.get().uri("/admin/policy/groups/new").with(user)).hasStatus(403);
			assertThat(post("/admin/policy", with(defaultsForm(), "lowMaxLifetimeDays", "1"), user)).hasStatus(403);
			assertThat(post("/admin/policy/groups", with(defaultsForm(), "group", "legacy"), user)).hasStatus(403);
			assertThat(post("/admin/policy/groups/legacy/deactivate", Map.of("comment", "off"), user)).hasStatus(403);
		}
		then(this.policy).should(never()).change(any(), any(), anyBoolean(), any(), any());
	}

	@Test
	void aValidChangeIsSavedAsTheAdminAndRedirectsWithAMessage() {
		assertThat(
				post("/admin/policy",
						with(defaultsForm(), "lowMaxLifetimeDays", "5", "comment",
								"Short-lived tokens only, ticket SEC-12"),
						SignedIn.erin()))
			.hasStatus(302)
			.hasRedirectedUrl("/admin/policy")
			.flash()
			.containsEntry("message", "policy.saved");
		then(this.policy).should()
			.change(eq(PolicyService.DEFAULT_SCOPE), argThat((PolicyRules rules) -> rules.lowMaxLifetimeDays() == 5),
					eq(true), eq("Short-lived tokens only, ticket SEC-12"), eq(PolicyEditor.user(7, "erin")));
	}

	static Stream<Arguments> invalidRules() {
		return Stream.of(arguments("lifetime beyond GitLab's", "maxLifetimeDays", "400", "from 1 to 365"),
				arguments("negative lifetime", "lowMaxLifetimeDays", "-5", "from 1 to 365"),
				arguments("lifetime not a number", "standardMaxLifetimeDays", "ninety", "from 1 to 365"),
				arguments("lifetime missing", "maxLifetimeDays", "", "Enter a number of days"),
				arguments("level GitLab has not", "standardMaxAccessLevel", "60", "Choose one of the access levels"),
				arguments("low above standard", "lowMaxAccessLevel", "50", "cannot be higher"),
				arguments("unknown forbidden scope", "forbiddenScopes", "sudo", "no token scope called sudo"),
				arguments("denied as a minimum tier", "minimumTier", "DENIED", "Choose low, standard or high"),
				arguments("no comment", "comment", "", "Say why the rules change"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidRules")
	void invalidRulesAreRefusedWithAClearMessageAndSaveNothing(String name, String field, String value, String message)
			throws Exception {
		MvcTestResult result = post("/admin/policy", with(defaultsForm(), field, value), SignedIn.erin()).exchange();

		assertThat(result).hasStatus(400).hasViewName("policy/admin");
		assertThat(fieldError(result.getResponse().getContentAsString(), field)).as("error next to %s", field)
			.contains(message);
		then(this.policy).should(never()).change(any(), any(), anyBoolean(), any(), any());
	}

	@Test
	void anOverrideIsForATopLevelGroup() throws Exception {
		MvcTestResult result = post("/admin/policy/groups",
				with(defaultsForm(), "group", "platform/backend", "comment", "too deep"), SignedIn.erin())
			.exchange();

		assertThat(result).hasStatus(400).hasViewName("policy/group");
		assertThat(fieldError(result.getResponse().getContentAsString(), "group")).contains("top-level groups");
		then(this.policy).should(never()).change(any(), any(), anyBoolean(), any(), any());
	}

	@Test
	void switchingAnOverrideOffNeedsAReasonAndAGroupThatHasOne() throws Exception {
		MvcTestResult noReason = post("/admin/policy/groups/legacy/deactivate", Map.of("comment", " "), SignedIn.erin())
			.exchange();
		assertThat(noReason).hasStatus(400).hasViewName("policy/group");
		assertThat(noReason).model().hasAttributeErrors("deactivationForm");

		assertThat(post("/admin/policy/groups/legacy/deactivate", Map.of("comment", "Retirement postponed"),
				SignedIn.erin()))
			.as("legacy has no override")
			.hasStatus(404);
		then(this.policy).should(never()).change(any(), any(), anyBoolean(), any(), any());
	}

	@Test
	void aChangeWithoutTheCsrfTokenIsForbidden() {
		MockMvcRequestBuilder post = this.mvc.post().uri("/admin/policy").with(SignedIn.erin());
		defaultsForm().forEach(post::param);

		assertThat(post).hasStatus(403);
		then(this.policy).should(never()).change(any(), any(), anyBoolean(), any(), any());
	}

	private MockMvcRequestBuilder post(String path, Map<String, String> fields, OidcLoginRequestPostProcessor user) {
		MockMvcRequestBuilder post = this.mvc.post().uri(path).with(user).with(csrf());
		fields.forEach(post::param);
		return post;
	}

	/** The built-in defaults as the admin form posts them. */
	private static Map<String, String> defaultsForm() {
		PolicyRules rules = PolicyRules.defaults();
		return with(Map.of(), "readScopes", String.join(",", rules.sortedReadScopes()), "lowMaxAccessLevel", "20",
				"lowMaxLifetimeDays", "30", "standardMaxAccessLevel", "40", "standardMaxLifetimeDays", "90",
				"maxLifetimeDays", "365", "groupWriteScopes", String.join(",", new TreeSet<>(rules.groupWriteScopes())),
				"minimumTier", "LOW", "comment", "Adjusting the policy");
	}

	private static Map<String, String> with(Map<String, String> fields, String... keyValues) {
		Map<String, String> changed = new LinkedHashMap<>(fields);
		for (int i = 0; i < keyValues.length; i += 2) {
			changed.put(keyValues[i], keyValues[i + 1]);
		}
		return changed;
	}

	private static String fieldError(String html, String field) {
		Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\"[^>]*>(.*?)</p>", Pattern.DOTALL)
			.matcher(html);
		return matcher.find() ? matcher.group(1).strip() : null;
	}

}
