package dev.tokenportal.requests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.requests.NewTokenRequestPage.LevelOption;
import dev.tokenportal.requests.NewTokenRequestPage.ScopeOption;
import dev.tokenportal.requests.NewTokenRequestPage.TargetOption;
import dev.tokenportal.security.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.tokenportal.requests.RequestFormFixture.fieldError;
import static dev.tokenportal.requests.RequestFormFixture.inDays;
import static dev.tokenportal.requests.RequestFormFixture.lowTierForApi;
import static dev.tokenportal.requests.RequestFormFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The request form's choice of a CI/CD variable in the web slice: GitLab's own rules for
 * keys and scopes, and the path's shape, refuse bad input next to its field with what was
 * typed kept; a good choice reaches {@link TokenRequestService} as a delivery; a
 * destination the service refuses is refused next to the destination with its words.
 * Where GitLab is asked, see {@link DeliveryRequestIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class DeliveryFormControllerTests {

	private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TokenRequestService requests;

	@Autowired
	NewTokenRequestPages pages;

	@Autowired
	PolicyService policy;

	@BeforeEach
	void theFormListsAlicesProjects() {
		given(this.policy.rulesFor(PolicyService.DEFAULT_SCOPE)).willReturn(PolicyRules.defaults());
		given(this.pages.blankForm(any()))
			.willAnswer((call) -> NewTokenRequestForm.empty(call.getArgument(0), inDays(7)));
		given(this.pages.page(any(), any(), any())).willReturn(page(true));
	}

	static Map<String, String> toVariable() {
		return with(lowTierForApi(), "delivery", "variable", "destinationPath", "platform/backend/api", "variableKey",
				"API_TOKEN", "environmentScope", "production", "variableProtected", "true", "variableHidden", "true",
				"autoRotate", "true");
	}

	static Stream<Arguments> invalidDeliveries() {
		Map<String, String> ok = toVariable();
		return Stream.of(arguments("no key", with(ok, "variableKey", " "), "variableKey", "Give the variable a key"),
				arguments("key with a dash", with(ok, "variableKey", "API-TOKEN"), "variableKey",
						"“API-TOKEN” cannot be a variable key: GitLab allows only letters, digits and _"),
				arguments("key with a space", with(ok, "variableKey", "API TOKEN"), "variableKey",
						"GitLab allows only letters, digits and _"),
				arguments("key longer than GitLab allows", with(ok, "variableKey", "K".repeat(256)), "variableKey",
						"at most 255 characters"),
				arguments("scope with a character GitLab refuses", with(ok, "environmentScope", "prod;rm"),
						"environmentScope", "cannot be an environment scope"),
				arguments("scope too long", with(ok, "environmentScope", "e".repeat(256)), "environmentScope",
						"cannot be an environment scope"),
				arguments("path with spaces", with(ok, "destinationPath", "platform backend"), "destinationPath",
						"is not a project or group path"),
				arguments("path climbing up", with(ok, "destinationPath", "../platform"), "destinationPath",
						"is not a project or group path"),
				arguments("path as a URL", with(ok, "destinationPath", "https://gitlab.example/platform"),
						"destinationPath", "is not a project or group path"),
				arguments("path with a trailing slash", with(ok, "destinationPath", "platform/"), "destinationPath",
						"is not a project or group path"),
				arguments("unknown delivery", with(ok, "delivery", "email"), "delivery",
						"Choose whether the token is shown to you or put into a CI/CD variable"),
				arguments("automatic rotation of a token that is shown", with(ok, "delivery", "show"), "autoRotate",
						"Only a token delivered into a CI/CD variable can be rotated automatically"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidDeliveries")
	void badDeliveryInputIsRefusedNextToItsFieldAndNothingIsSubmitted(String name, Map<String, String> form,
			String field, String message) throws Exception {
		MvcTestResult result = post(form).exchange();

		assertThat(result).hasStatus(400).hasViewName("requests/new").model().hasAttributeErrors("tokenRequestForm");
		assertThat(fieldError(result.getResponse().getContentAsString(), field)).as("one error next to %s", field)
			.contains(message)
			.doesNotContain("<br");
		then(this.requests).should(never()).submit(any(), any());
	}

	@Test
	void theFormKeepsWhatWasTyped() throws Exception {
		MvcTestResult result = post(with(toVariable(), "variableKey", "BAD-KEY", "variableProtected", null)).exchange();

		String html = result.getResponse().getContentAsString();
		assertThat(html).containsPattern("id=\"delivery-variable\"[^>]*checked")
			.containsPattern("id=\"destinationPath\"[^>]*value=\"platform/backend/api\"")
			.containsPattern("id=\"variableKey\"[^>]*value=\"BAD-KEY\"")
			.containsPattern("id=\"environmentScope\"[^>]*value=\"production\"")
			.containsPattern("id=\"autoRotate\"[^>]*checked")
			.doesNotContainPattern("id=\"variableProtected\"[^>]*checked");
	}

	@Test
	void aBlankFormShowsTheTokenOnceAndSuggestsAProtectedHiddenVariable() {
		assertThat(this.mvc.get().uri("/requests/new").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.containsPattern("id=\"delivery-show\"[^>]*checked")
			.containsPattern("id=\"variableKey\"[^>]*value=\"PROJECT_ACCESS_TOKEN\"")
			.containsPattern("id=\"environmentScope\"[^>]*value=\"\\*\"")
			.containsPattern("id=\"variableProtected\"[^>]*checked")
			.containsPattern("id=\"variableHidden\"[^>]*checked")
			.doesNotContainPattern("id=\"autoRotate\"[^>]*checked")
			.doesNotContain("cannot hide variables");
	}

	@Test
	void onAGitLabOlderThan174TheFormSaysTheVariableIsNotHidden() {
		given(this.pages.page(any(), any(), any())).willReturn(page(false));

		assertThat(this.mvc.get().uri("/requests/new").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("older than 17.4 and cannot hide variables: the variable will be masked")
			.doesNotContain("id=\"variableHidden\"");
	}

	@Test
	void aGoodChoiceReachesTheServiceAsADelivery() {
		TokenRequest saved = mock(TokenRequest.class);
		given(saved.getId()).willReturn(ID);
		given(this.requests.submit(any(), any())).willReturn(saved);

		assertThat(post(with(toVariable(), "environmentScope", "", "destinationPath", ""))).hasStatus(302);
		then(this.requests).should()
			.submit(eq(new NewTokenRequest(GitLabResource.PROJECT, 11, "ci-reader", "Reads the API in CI",
					List.of("read_api"), 20, inDays(7), "The nightly job reads release notes.", null,
					new NewTokenRequest.Delivery(null, "API_TOKEN", "*", true, true, true))), any());
	}

	@Test
	void variableFieldsAreIgnoredWhenTheTokenIsShown() {
		TokenRequest saved = mock(TokenRequest.class);
		given(saved.getId()).willReturn(ID);
		given(this.requests.submit(any(), any())).willReturn(saved);

		assertThat(post(with(toVariable(), "delivery", "show", "autoRotate", null, "variableKey", "BAD-KEY")))
			.hasStatus(302);
		then(this.requests).should()
			.submit(eq(new NewTokenRequest(GitLabResource.PROJECT, 11, "ci-reader", "Reads the API in CI",
					List.of("read_api"), 20, inDays(7), "The nightly job reads release notes.", null, null, null)),
					any());
	}

	@Test
	void aDestinationTheServiceRefusesIsRefusedNextToTheDestinationInItsWords() throws Exception {
		given(this.requests.submit(any(), any())).willThrow(new DestinationRefusedException(
				StatusReason.of("requests.destination.tooLow", "Developer", "platform/backend/api", "Maintainer")));

		MvcTestResult result = post(toVariable()).exchange();

		assertThat(result).hasStatus(400).hasViewName("requests/new");
		assertThat(fieldError(result.getResponse().getContentAsString(), "destinationPath")).contains(
				"You are Developer in platform/backend/api; GitLab lets only Maintainers and higher manage its CI/CD variables");
	}

	private static NewTokenRequestPage page(boolean hiddenVariables) {
		return new NewTokenRequestPage(null, List.of(new TargetOption("project:11", "platform/backend/api", false)),
				false, null, List.of(new ScopeOption("read_api")), List.of(new LevelOption(20)), inDays(1), inDays(365),
				null, hiddenVariables);
	}

	private MockMvcRequestBuilder post(Map<String, String> fields) {
		MockMvcRequestBuilder post = this.mvc.post().uri("/requests/new").with(SignedIn.alice()).with(csrf());
		new LinkedHashMap<>(fields).forEach(post::param);
		return post;
	}

}
