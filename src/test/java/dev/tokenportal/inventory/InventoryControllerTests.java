package dev.tokenportal.inventory;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.SignedIn;
import dev.tokenportal.web.ErrorPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * My tokens and the security team's inventory in the web slice: only auditors reach the
 * inventory, a filter that cannot be used is a 400 naming it, and GitLab's answers come
 * back as plain words. The tokens themselves are in {@link InventoryIntegrationTests} and
 * {@link AuditorInventoryIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class InventoryControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AuditorInventoryService inventory;

	@Autowired
	InventoryService mine;

	@BeforeEach
	void nothingIssuedYet() {
		given(this.inventory.issued(any())).willReturn(new InventoryPage(List.of(), null, true));
		given(this.mine.tokensOf(any(), any())).willReturn(new KeysetPage<>(List.of(), null, true));
	}

	static Stream<Arguments> badInput() {
		String longText = "a".repeat(600);
		return Stream.of(arguments("/inventory?state=bogus", List.of("status")),
				arguments("/inventory?after=x", List.of("page link")),
				arguments("/inventory?after=-1.6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b", List.of("page link")),
				arguments("/inventory?after=99999999999999999999.6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b",
						List.of("page link")),
				arguments("/inventory?after=1.not-an-id", List.of("page link")),
				arguments("/inventory?target=%00", List.of("target", "NUL")),
				arguments("/inventory?requester=%00", List.of("requester", "NUL")),
				arguments("/inventory?target=" + longText, List.of("target", "512")),
				arguments("/inventory/gitlab?path=%00", List.of("path", "NUL")),
				arguments("/inventory/gitlab?path=" + longText, List.of("path", "512")));
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("badInput")
	void aFilterThatCannotBeUsedIsA400NamingItAndAsksNothing(String uri, List<String> mentions) throws Exception {
		MvcTestResult result = this.mvc.get().uri(uri.replace("%00", "\0")).with(SignedIn.dave()).exchange();

		assertThat(result).as(uri).hasStatus(400).hasViewName("error");
		ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(), mentions);
		then(this.inventory).should(never()).issued(any());
		then(this.inventory).should(never()).inGitLab(anyString());
	}

	static Stream<Arguments> badTokenFilters() {
		return Stream.of(arguments("/tokens?state=bogus", List.of("Status")),
				arguments("/tokens?after=x", List.of("page link")),
				arguments("/tokens?after=5.zzz", List.of("page link")),
				arguments("/tokens?target=" + "a".repeat(600), List.of("512")),
				arguments("/tokens?q=" + "a".repeat(300), List.of("200")));
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("badTokenFilters")
	void aMyTokensFilterThatCannotBeUsedIsA400NamingIt(String uri, List<String> mentions) throws Exception {
		MvcTestResult result = this.mvc.get().uri(uri).with(SignedIn.alice()).exchange();

		assertThat(result).as(uri).hasStatus(400).hasViewName("error");
		ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(), mentions);
		then(this.mine).should(never()).tokensOf(any(), any());
	}

	@Test
	void theIssuedTokensPageOffersTheStatesToFilterBy() {
		assertThat(this.mvc.get().uri("/inventory?state=revoked&target=platform").with(SignedIn.dave())).hasStatusOk()
			.hasViewName("inventory/issued")
			.model()
			.containsEntry("states", InventoryFilter.STATES);
		then(this.inventory).should().issued(new InventoryFilter("platform", null, "revoked", null));
	}

	@Test
	void aPathGitLabDoesNotKnowOrCannotListIsSaidPlainly() {
		given(this.inventory.inGitLab("platform/nothing")).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/inventory/gitlab?path=platform/nothing").with(SignedIn.dave())).hasStatusOk()
			.hasViewName("inventory/gitlab")
			.model()
			.containsEntry("notFound", true);

		GitLabException down = mock(GitLabException.class);
		given(down.getMessage()).willReturn("GitLab is unreachable right now");
		given(this.inventory.inGitLab("platform")).willThrow(down);
		assertThat(this.mvc.get().uri("/inventory/gitlab").param("path", "platform").with(SignedIn.dave()))
			.hasStatusOk()
			.bodyText()
			.contains("GitLab is unreachable right now");
	}

	@Test
	void onlyAuditorsReachTheInventory() {
		assertThat(this.mvc.get().uri("/inventory").with(SignedIn.alice())).hasStatus(403);
		assertThat(this.mvc.get().uri("/inventory/gitlab?path=platform").with(SignedIn.erin())).hasStatus(403);
		then(this.inventory).shouldHaveNoInteractions();
	}

	@Test
	void myTokensAreEveryonesOwn() {
		assertThat(this.mvc.get().uri("/tokens").with(SignedIn.alice())).hasStatusOk().hasViewName("tokens/list");
		then(this.mine).should()
			.tokensOf(
					org.mockito.ArgumentMatchers
						.argThat((dev.tokenportal.security.CurrentUser user) -> user.username().equals("alice")),
					org.mockito.ArgumentMatchers.eq(new TokenListFilter(null, null, null, null)));
	}

}
