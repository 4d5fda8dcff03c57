package dev.tokenportal.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabPage;
import dev.tokenportal.gitlab.GitLabProject;
import dev.tokenportal.gitlab.GitLabUser;
import dev.tokenportal.memberships.MembershipOverview;
import dev.tokenportal.memberships.MembershipService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The home and sign-in pages in a web slice, with the portal's security rules; what the
 * page lists comes from mocks (the full stack with GitLab is in
 * {@link HomeIntegrationTests}).
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class HomeControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	MembershipService memberships;

	@Autowired
	HomeAttention attention;

	@BeforeEach
	void aliceHasOneProjectAndOneGroup() {
		GitLabUser alice = new GitLabUser(3, "alice", "Alice Developer", null, "http://gitlab.test/alice", false);
		GitLabPage<GitLabProject> projects = new GitLabPage<>(
				List.of(new GitLabProject(11, "api", "platform/backend/api", null, null, null)), 1, 20, null, 1);
		GitLabPage<GitLabGroup> groups = new GitLabPage<>(
				List.of(new GitLabGroup(101, "backend", "platform/backend", 100L, null)), 1, 20, null, 1);
		given(this.memberships.overview(any(), any(), anyInt(), anyInt()))
			.willReturn(new MembershipOverview(alice, projects, groups, null, null));
		given(this.attention.of(any())).willReturn(List.of());
	}

	@Test
	void homeShowsWhoIAmAndWhatIBelongToWithALinkToRequestATokenForEach() {
		assertThat(this.mvc.get().uri("/").with(SignedIn.alice())).hasStatusOk()
			.hasViewName("home")
			.bodyText()
			.contains("Alice Developer", "@alice", "platform/backend/api", "platform/backend",
					"href=\"/requests/new?target=project:11\"", "href=\"/requests/new?target=group:101\"");
	}

	@Test
	void homeAsksForTheSignedInUsersAttentionItemsAndThePagesAsked() {
		AttentionItem ready = new AttentionItem(AttentionItem.Kind.READY_TO_CREATE, UUID.randomUUID(), "r-1234",
				"ci-reader", "platform/backend/api", LocalDate.of(2030, 1, 8), 7);
		given(this.attention.of(argThat((CurrentUser user) -> user.username().equals("alice"))))
			.willReturn(List.of(ready));

		assertThat(this.mvc.get().uri("/?q=back&projects=2&groups=3").with(SignedIn.alice())).hasStatusOk()
			.bodyText()
			.contains("id=\"attention-r-1234\"", "data-kind=\"READY_TO_CREATE\"", "ci-reader");
		then(this.memberships).should().overview(any(), eq("back"), eq(2), eq(3));
	}

	@Test
	void aPageNumberThatIsNotANumberIsA400NamingIt() {
		assertThat(this.mvc.get().uri("/?projects=abc").with(SignedIn.alice())).hasStatus(400)
			.hasViewName("error")
			.bodyText()
			.contains("&#39;projects&#39; must be a whole number.");
		then(this.memberships).should(never()).overview(any(), any(), anyInt(), anyInt());
	}

	@Test
	void aNulCharacterInAnyParameterIsA400NamingTheField() {
		assertThat(this.mvc.get().uri("/").param("q", "a\0b").with(SignedIn.alice())).hasStatus(400)
			.bodyText()
			.contains("The field &#39;q&#39; contains a NUL character, which is never valid.");
		then(this.memberships).should(never()).overview(any(), any(), anyInt(), anyInt());
	}

	@Test
	void anonymousVisitorsAreSentToTheSignInPage() {
		assertThat(this.mvc.get().uri("/")).hasStatus(302).hasRedirectedUrl("/login");
		assertThat(this.mvc.get().uri("/requests/new")).hasStatus(302).hasRedirectedUrl("/login");
	}

	@Test
	void theSignInPageOffersGitLabAndSendsTheSignedInHome() {
		assertThat(this.mvc.get().uri("/login")).hasStatusOk()
			.hasViewName("login")
			.bodyText()
			.contains("Sign in with GitLab", "href=\"/oauth2/authorization/gitlab\"");
		assertThat(this.mvc.get().uri("/login").with(SignedIn.alice())).hasStatus(302).hasRedirectedUrl("/");
	}

	@Test
	void aPostWithoutTheCsrfTokenIsForbiddenEvenWhenSignedIn() {
		assertThat(this.mvc.post().uri("/logout").with(SignedIn.alice())).hasStatus(403);
		assertThat(this.mvc.post().uri("/logout").with(SignedIn.alice()).with(csrf())).hasStatus(302)
			.hasRedirectedUrl("/login?logout");
	}

}
