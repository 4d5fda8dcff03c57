package dev.tokenportal.browser;

import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in headless Chromium: sign in by clicking through the GitLab sandbox, see who
 * they are and their projects, page through them, sign out.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class HomeBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
	}

	@Test
	void signInSeeProjectsPageThroughThemAndSignOut() {
		browser.open("http://localhost:" + this.port + "/");
		browser.waitForUrl("/login");
		HomePage home = new LoginPage(browser).signInWithGitLab().signInAs("alice");
		assertThat(home.signedInName()).isEqualTo("Alice Developer");
		assertThat(home.profileText()).contains("@alice");
		List<String> firstPage = home.projectPaths();
		assertThat(firstPage).hasSize(20).contains("platform/backend/api");
		assertThat(home.groupPaths()).contains("platform/backend");
		browser.screenshot("home-alice");
		HomePage second = home.nextProjectsPage();
		assertThat(second.projectPaths()).isNotEmpty().doesNotContainAnyElementsOf(firstPage);
		LoginPage login = second.signOut();
		assertThat(login.text()).contains("You have signed out");
		browser.open("http://localhost:" + this.port + "/");
		browser.waitForUrl("/login");
	}

}
