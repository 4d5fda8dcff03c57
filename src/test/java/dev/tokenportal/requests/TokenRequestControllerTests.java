package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.servlet.http.Cookie;

import dev.tokenportal.policy.PolicyReason;
import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.NewTokenRequestPage.LevelOption;
import dev.tokenportal.requests.NewTokenRequestPage.ScopeOption;
import dev.tokenportal.requests.NewTokenRequestPage.TargetOption;
import dev.tokenportal.security.SignedIn;
import dev.tokenportal.web.ErrorPages;
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
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The request form, a request's page, cancelling and My requests in the web slice: the
 * form's own checks run for real and refuse bad input next to its field before anything
 * reaches {@link TokenRequestService}; the service's refusals come back as the status and
 * message a requester reads. Submitting for real, against GitLab and PostgreSQL, is in
 * {@link NewTokenRequestIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class TokenRequestControllerTests {

	private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TokenRequestService requests;

	@Autowired
	TokenRequestViews views;

	@Autowired
	NewTokenRequestPages pages;

	@Autowired
	PolicyService policy;

	@BeforeEach
	void theFormListsAlicesProjectsUnderTheBuiltInPolicy() {
		given(this.policy.rulesFor(PolicyService.DEFAULT_SCOPE)).willReturn(PolicyRules.defaults());
		given(this.pages.blankForm(any()))
			.willAnswer((call) -> NewTokenRequestForm.empty(call.getArgument(0), inDays(7)));
		given(this.pages.page(any(), any(), any())).willReturn(new NewTokenRequestPage(null,
				List.of(new TargetOption("project:11", "platform/backend/api", false),
						new TargetOption("group:101", "platform/backend", true)),
				false, null, List.of(new ScopeOption("read_api")), List.of(new LevelOption(20), new LevelOption(30)),
				inDays(1), inDays(365), null));
	}

	@Test
	void theFormStartsBlankWithTheTargetChosenFromTheHomePage() {
		assertThat(this.mvc.get().uri("/requests/new?target=project:11").with(SignedIn.alice())).hasStatusOk()
			.hasViewName("requests/new")
			.bodyText()
			.containsPattern("<option[^>]*value=\"project:11\"[^>]*selected");
		then(this.pages).should().blankForm("project:11");
	}

	@Test
	void theScopesAndLevelsOfTheFormSayWhatTheyAreInTheBundlesWords() {
		assertThat(this.mvc.get().uri("/requests/new").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("Read-only access to the API, including the package registry", "Reporter (20)", "Developer (30)");
	}

	@Test
	void theExpiryDateIsTypedInIsoFormWithTheFormatShownBesideIt() {
		assertThat(this.mvc.get().uri("/requests/new").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.containsPattern("<input type=\"text\" id=\"expiresOn\"[^>]*pattern=\"\\[0-9\\]\\{4\\}-")
			.containsPattern("<label for=\"expiresOn\">Expires on <span[^>]*>yyyy-mm-dd</span></label>")
			.doesNotContain("type=\"date\"");
	}

	@Test
	void thePreviewNamesTheBuiltInPolicyRatherThanVersionZero() {
		PolicyPreview builtIn = new PolicyPreview("LOW", "Granted at once.", 0, "low.read-only", "read-only",
				"platform/backend/api", 0L, null);
		given(this.pages.page(any(), any(), any())).willReturn(new NewTokenRequestPage(null,
				List.of(new TargetOption("project:11", "platform/backend/api", false)), false, null,
				List.of(new ScopeOption("read_api")), List.of(new LevelOption(20)), inDays(1), inDays(365), builtIn));

		assertThat(this.mvc.get().uri("/requests/new").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("id=\"policy-preview-version\">(the built-in policy: no admin has changed it)</span>")
			.doesNotContain("policy version 0");
	}

	@Test
	void aCompleteFormIsSubmittedAsTheSignedInUserAndRedirectsToTheRequestWithAMessage() {
		TokenRequest saved = mock(TokenRequest.class);
		given(saved.getId()).willReturn(ID);
		given(this.requests.submit(any(), any())).willReturn(saved);

		assertThat(post(lowTierForApi())).hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("message", "requests.new.submitted");
		then(this.requests).should()
			.submit(eq(new NewTokenRequest(GitLabResource.PROJECT, 11, "ci-reader", "Reads the API in CI",
					List.of("read_api"), 20, inDays(7), "The nightly job reads release notes.", null)), any());
	}

	@Test
	void aLifetimeInHoursIsSubmittedInsteadOfTheDateWhichIsThenNotLookedAt() {
		TokenRequest saved = mock(TokenRequest.class);
		given(saved.getId()).willReturn(ID);
		given(this.requests.submit(any(), any())).willReturn(saved);

		assertThat(post(with(lowTierForApi(), "lifetimeHours", " 8 ", "expiresOn", inDays(-3).toString())))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID);
		// the date judged by the policy: 8 hours span one day
		then(this.requests).should()
			.submit(eq(new NewTokenRequest(GitLabResource.PROJECT, 11, "ci-reader", "Reads the API in CI",
					List.of("read_api"), 20, inDays(1), "The nightly job reads release notes.", null, 8)), any());
	}

	@Test
	void aPolicyRefusalOfTheLifetimeOfAnHourRequestIsShownNextToTheHours() throws Exception {
		given(this.requests.submit(any(), any())).willThrow(new PolicyDeniedException(new PolicyDecision(Tier.DENIED,
				"denied.lifetime", new PolicyReason("policy.reason.denied.lifetime", List.of(1)))));

		MvcTestResult result = post(with(lowTierForApi(), "lifetimeHours", "48")).exchange();

		assertThat(result).hasStatus(400);
		assertThat(fieldError(result.getResponse().getContentAsString(), "lifetimeHours"))
			.contains("a token may live at most 1 days");
	}

	static Stream<Arguments> invalidForms() {
		Map<String, String> ok = lowTierForApi();
		return Stream.of(arguments("no name", with(ok, "tokenName", ""), "tokenName", "Give the token a name"),
				arguments("name too long", with(ok, "tokenName", "n".repeat(101)), "tokenName", "at most 100"),
				arguments("name with a control character", with(ok, "tokenName", "ci\u0007reader"), "tokenName",
						"printable"),
				arguments(
						"description too long", with(ok, "description", "d".repeat(501)), "description", "at most 500"),
				arguments("no scope", with(ok, "scopes", null), "scopes", "at least one scope"),
				arguments("unknown scope", with(ok, "scopes", "read_api,delete_everything"), "scopes",
						"no token scope called delete_everything"),
				arguments("personal-only scope", with(ok, "scopes", "read_user"), "scopes",
						"cannot have the scope read_user"),
				arguments("write_registry alone", with(ok, "scopes", "write_registry"), "scopes",
						"write_registry needs read_registry too"),
				arguments("level GitLab tokens cannot have", with(ok, "accessLevel", "60"), "accessLevel",
						"Choose one of the access levels"),
				arguments("level not offered", with(ok, "accessLevel", "15"), "accessLevel",
						"Choose one of the access levels"),
				arguments("level not a number", with(ok, "accessLevel", "owner"), "accessLevel",
						"Choose one of the access levels"),
				arguments("expiry yesterday", with(ok, "expiresOn", inDays(-1).toString()), "expiresOn",
						"must be in the future"),
				arguments("expiry today", with(ok, "expiresOn", inDays(0).toString()), "expiresOn",
						"must be in the future"),
				arguments("expiry beyond the maximum", with(ok, "expiresOn", inDays(366).toString()), "expiresOn",
						"at most 365 days"),
				arguments("expiry not in ISO form", with(ok, "expiresOn", "31/12/2030"), "expiresOn",
						"“31/12/2030” is not a date written yyyy-mm-dd"),
				arguments("expiry in ISO form but no such day", with(ok, "expiresOn", "2030-02-30"), "expiresOn",
						"“2030-02-30” is written yyyy-mm-dd, but there is no such day"),
				arguments("no hours", with(ok, "lifetimeHours", "0"), "lifetimeHours",
						"whole number of hours from 1 to 72"),
				arguments("more hours than the most", with(ok, "lifetimeHours", "73"), "lifetimeHours",
						"whole number of hours from 1 to 72"),
				arguments("hours not a number", with(ok, "lifetimeHours", "eight"), "lifetimeHours",
						"whole number of hours from 1 to 72"),
				arguments("hours not whole", with(ok, "lifetimeHours", "8.5"), "lifetimeHours",
						"whole number of hours from 1 to 72"),
				arguments("no expiry and no hours", with(ok, "expiresOn", null), "expiresOn", "Choose an expiry date"),
				arguments("no justification", with(ok, "justification", "  "), "justification",
						"Say why the token is needed"),
				arguments("justification too long", with(ok, "justification", "j".repeat(2001)), "justification",
						"at most 2000"),
				arguments("a token pasted into the justification",
						with(ok, "justification", "old one was glpat-AbCdEfGhIjKlMnOpQrSt1234, please renew"),
						"justification", "looks like it holds a GitLab token"),
				arguments("a token pasted into the description",
						with(ok, "description", "replaces glpat-AbCdEfGhIjKlMnOpQrSt1234"), "description",
						"looks like it holds a GitLab token"),
				arguments("no target", with(ok, "target", null), "target", "Choose a project or group"),
				arguments("tampered target type", with(ok, "target", "user:3"), "target", "Choose a project or group"),
				arguments("tampered target id", with(ok, "target", "project:11 or 1=1"), "target",
						"Choose a project or group"),
				arguments("negative target id", with(ok, "target", "project:-11"), "target",
						"Choose a project or group"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidForms")
	void invalidInputIsRefusedNextToItsFieldAndNothingIsSubmitted(String name, Map<String, String> form, String field,
			String message) throws Exception {
		MvcTestResult result = post(form).exchange();

		assertThat(result).hasStatus(400).hasViewName("requests/new").model().hasAttributeErrors("tokenRequestForm");
		assertThat(fieldError(result.getResponse().getContentAsString(), field)).as("one error next to %s", field)
			.contains(message)
			.doesNotContain("<br");
		then(this.requests).should(never()).submit(any(), any());
	}

	@Test
	void aTargetTheServiceRefusesIsRefusedNextToTheTargetField() throws Exception {
		given(this.requests.submit(any(), any())).willThrow(new TargetNotAllowedException("not a member"));

		MvcTestResult result = post(lowTierForApi()).exchange();

		assertThat(result).hasStatus(400).hasViewName("requests/new");
		assertThat(fieldError(result.getResponse().getContentAsString(), "target"))
			.contains("not a member of that project or group");
	}

	@Test
	void aRequestTooFewOwnersCouldApproveIsAConflictThatSaysWhy() {
		given(this.requests.submit(any(), any())).willThrow(new NotEnoughOwnersException("platform/backend/api", 2, 1));

		assertThat(post(lowTierForApi())).hasStatus(409)
			.hasViewName("requests/new")
			.bodyText()
			.contains("This request needs 2 Owners’ approval, but platform/backend/api has only 1 Owner besides you");
	}

	@Test
	void theOpenRequestLimitIsA429ThatSaysWhatToDo() {
		given(this.requests.submit(any(), any())).willThrow(new OpenRequestLimitException(5));

		assertThat(post(lowTierForApi())).hasStatus(429)
			.bodyText()
			.contains("You already have 5 open requests", "nothing was saved");
	}

	@Test
	void aPolicyRefusalIsShownNextToTheFieldItIsAbout() throws Exception {
		given(this.requests.submit(any(), any()))
			.willThrow(new PolicyDeniedException(new PolicyDecision(Tier.DENIED, "denied.forbidden-scope",
					new PolicyReason("policy.reason.denied.forbidden-scope", List.of("read_api")))));

		MvcTestResult result = post(lowTierForApi()).exchange();

		assertThat(result).hasStatus(400);
		assertThat(fieldError(result.getResponse().getContentAsString(), "scopes"))
			.contains("an administrator has forbidden the scope read_api");
	}

	@Test
	void checkingThePolicyOrSearchingShowsTheFormAgainAndSubmitsNothing() {
		assertThat(post(with(lowTierForApi(), "intent", "check"))).hasStatusOk()
			.hasViewName("requests/new")
			.bodyText()
			.contains("value=\"ci-reader\"")
			.doesNotContain("field-error");
		assertThat(post(with(lowTierForApi(), "intent", "search", "q", "billing"))).hasStatusOk()
			.hasViewName("requests/new");
		then(this.pages).should().page(any(), eq("billing"), any());
		then(this.requests).should(never()).submit(any(), any());
	}

	@Test
	void aFormPostedWithoutTheCsrfTokenIsForbiddenAndSubmitsNothing() {
		MockMvcRequestBuilder post = this.mvc.post().uri("/requests/new").with(SignedIn.alice());
		lowTierForApi().forEach(post::param);

		assertThat(post).hasStatus(403);
		then(this.requests).should(never()).submit(any(), any());
	}

	@Test
	void aNulCharacterInTheSearchIsA400NamingTheField() {
		assertThat(this.mvc.get().uri("/requests/new").param("q", "x\0").with(SignedIn.alice())).hasStatus(400)
			.bodyText()
			.contains("&#39;q&#39; contains a NUL character");
	}

	@Test
	void aRequestsPageShowsTheRequestAndItsHistory() {
		given(this.views.view(eq(ID), any())).willReturn(pendingView());
		given(this.views.timeline(ID)).willReturn(List.of(new TimelineEntry(Instant.parse("2030-01-01T10:00:00Z"),
				"alice", "request.submitted", "SUCCESS", List.of())));

		assertThat(this.mvc.get().uri("/requests/" + ID).with(SignedIn.alice())).hasStatusOk()
			.hasViewName("requests/show")
			.bodyText()
			.contains("release-pusher", "platform/backend/api", "data-action=\"request.submitted\"",
					"id=\"cancel-request\"");
	}

	@Test
	void timesAreInTheReadersZoneNamedWithUtcOnHoverAndUtcWithoutIt() {
		given(this.views.view(eq(ID), any())).willReturn(pendingView());
		given(this.views.timeline(ID)).willReturn(List.of(new TimelineEntry(Instant.parse("2030-01-01T10:00:00Z"),
				"alice", "request.submitted", "SUCCESS", List.of())));

		assertThat(
				this.mvc.get().uri("/requests/" + ID).cookie(new Cookie("tz", "Asia%2FTokyo")).with(SignedIn.alice()))
			.hasStatusOk()
			.bodyText()
			.contains("2030-01-01 09:00 JST", "<time datetime=\"2030-01-01T10:00:00Z\" title=\"2030-01-01 10:00 UTC\">"
					+ "2030-01-01 19:00 JST</time>");
		for (Cookie none : new Cookie[] { new Cookie("unrelated", "x"), new Cookie("tz", "Mars%2FOlympus") }) {
			assertThat(this.mvc.get().uri("/requests/" + ID).cookie(none).with(SignedIn.alice())).hasStatusOk()
				.bodyText()
				.contains("2030-01-01 00:00 UTC", ">2030-01-01 10:00 UTC</time>")
				.doesNotContain("JST");
		}
	}

	@Test
	void aRequestTheViewerMayNotSeeIsNotFoundAndOneGitLabCannotVouchForIsUnavailable() {
		given(this.views.view(eq(ID), any())).willThrow(new TokenRequestNotFoundException(ID));
		assertThat(this.mvc.get().uri("/requests/" + ID).with(SignedIn.alice())).hasStatus(404);

		given(this.views.view(eq(ID), any())).willThrow(new ApproverCheckUnavailableException());
		assertThat(this.mvc.get().uri("/requests/" + ID).with(SignedIn.carol())).hasStatus(503);
	}

	@Test
	void anIdThatCannotExistIsNotFoundOnEveryRequestAddress() {
		assertThat(this.mvc.get().uri("/requests/not-a-uuid").with(SignedIn.alice())).hasStatus(404)
			.bodyText()
			.contains("There is nothing here");
		assertThat(this.mvc.post().uri("/requests/not-a-uuid/cancel").with(SignedIn.alice()).with(csrf()))
			.hasStatus(404);
		then(this.requests).should(never()).cancel(any(), any());
	}

	@Test
	void cancellingRedirectsToTheRequestWithWhatHappened() {
		assertThat(this.mvc.post().uri("/requests/" + ID + "/cancel").with(SignedIn.alice()).with(csrf()))
			.hasStatus(302)
			.hasRedirectedUrl("/requests/" + ID)
			.flash()
			.containsEntry("message", "requests.cancel.done");
		then(this.requests).should().cancel(eq(ID), any());

		willThrow(new IllegalTransitionException("cancel", TokenRequestStatus.CANCELLED)).given(this.requests)
			.cancel(eq(ID), any());
		assertThat(this.mvc.post().uri("/requests/" + ID + "/cancel").with(SignedIn.alice()).with(csrf()))
			.hasStatus(302)
			.flash()
			.hasEntrySatisfying("flashError", (error) -> assertThat((String) error)
				.isEqualTo("Cannot cancel this request: it is already “Cancelled”."));
	}

	@Test
	void cancellingWithoutTheCsrfTokenIsForbiddenAndCancelsNothing() {
		assertThat(this.mvc.post().uri("/requests/" + ID + "/cancel").with(SignedIn.alice())).hasStatus(403);
		then(this.requests).should(never()).cancel(any(), any());
	}

	@Test
	void myRequestsListsWhatTheServiceReturnsForTheSignedInUser() {
		given(this.views.mine(any(), any()))
			.willReturn(new KeysetPage<>(
					List.of(new TokenRequestSummary(ID, "r-6f1c", "newest-one", "platform/backend/api",
							TokenRequestStatus.APPROVED, Tier.LOW, Instant.parse("2030-01-01T10:00:00Z"))),
					null, true));

		assertThat(this.mvc.get().uri("/requests").with(SignedIn.alice())).hasStatusOk()
			.hasViewName("requests/list")
			.bodyText()
			.contains("newest-one", "/requests/" + ID);
	}

	@Test
	void aTierHasOneSpellingOnEveryPage() {
		given(this.views.view(eq(ID), any())).willReturn(pendingView());
		given(this.views.mine(any(), any()))
			.willReturn(new KeysetPage<>(
					List.of(new TokenRequestSummary(ID, "r-6f1c", "newest-one", "platform/backend/api",
							TokenRequestStatus.APPROVED, Tier.HIGH, Instant.parse("2030-01-01T10:00:00Z"))),
					null, true));

		assertThat(this.mvc.get().uri("/requests/" + ID).with(SignedIn.alice())).bodyText()
			.contains("id=\"request-tier\">standard</dd>");
		assertThat(this.mvc.get().uri("/requests").with(SignedIn.alice())).bodyText()
			.contains(">high</td>")
			.doesNotContain("HIGH<", "(2 approvals)");
	}

	@Test
	void myRequestsKeepsTheFiltersInTheLinkToTheNextPage() {
		ListCursor next = ListCursor.valueOf("1893491200000000." + ID);
		given(this.views.mine(any(), any()))
			.willReturn(new KeysetPage<>(
					List.of(new TokenRequestSummary(ID, "r-6f1c", "deploy", "platform/backend/api",
							TokenRequestStatus.APPROVED, Tier.LOW, Instant.parse("2030-01-01T10:00:00Z"))),
					next, true));

		assertThat(this.mvc.get().uri("/requests?status=APPROVED&target=backend&q=dep").with(SignedIn.alice()))
			.hasStatusOk()
			.bodyText()
			.contains("href=\"/requests?status=APPROVED&amp;target=backend&amp;q=dep&amp;after=" + next + "\"")
			.doesNotContain("rel=\"first\"");
		then(this.views).should()
			.mine(any(), eq(new RequestListFilter(TokenRequestStatus.APPROVED, "backend", "dep", null)));
	}

	static Stream<Arguments> badListFilters() {
		return Stream.of(arguments("/requests?status=bogus", List.of("Status")),
				arguments("/requests?after=x", List.of("page link")),
				arguments("/requests?after=12.3", List.of("page link")),
				arguments("/requests?target=" + "a".repeat(600), List.of("512")),
				arguments("/requests?q=" + "a".repeat(300), List.of("200")));
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("badListFilters")
	void aListFilterThatCannotBeUsedIsA400NamingIt(String uri, List<String> mentions) throws Exception {
		MvcTestResult result = this.mvc.get().uri(uri).with(SignedIn.alice()).exchange();

		assertThat(result).as(uri).hasStatus(400).hasViewName("error");
		ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(), mentions);
		then(this.views).should(never()).mine(any(), any());
	}

	private MockMvcRequestBuilder post(Map<String, String> fields) {
		MockMvcRequestBuilder post = this.mvc.post().uri("/requests/new").with(SignedIn.alice()).with(csrf());
		// several scopes travel comma-separated in one field, as RequestFormFixture posts
		// them
		new LinkedHashMap<>(fields).forEach(post::param);
		return post;
	}

	private static TokenRequestView pendingView() {
		Instant created = LocalDate.of(2030, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return new TokenRequestView(ID, "r-6f1c", TokenRequestStatus.PENDING_APPROVAL, null, false, "alice", 30,
				GitLabResource.PROJECT, 11, "platform/backend/api", "release-pusher", null,
				List.of("read_repository", "write_repository"), 30, LocalDate.of(2030, 1, 31),
				"The nightly job pushes release tags.", Tier.STANDARD, "standard.default",
				StatusReason.of("policy.reason.standard.default.write"), 1, 1, List.of(), null, null, null, null,
				created, created, true, false, false);
	}

}
