package dev.tokenportal.browser;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in headless Chromium, by three clicks of two people: alice requests a
 * token that needs an Owner, carol approves it, alice creates it and sees the value once,
 * then revokes it.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenJourneyBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@Test
	void requestApproveCreateSeeOnceRevoke() {
		signIn("alice");
		browser.open(portal("/requests/new"));
		String requestPage = new RequestFormPage(browser).chooseTarget("platform/backend/api")
			.tickScope("read_api")
			.tickScope("write_repository")
			.fill("tokenName", "release-pusher")
			.fill("justification", "Pushes release tags from CI.")
			.submit();
		assertThat(requestPage).contains("Waiting for approval");
		String requestUrl = browser.currentUrl();
		signOut();

		signIn("carol");
		browser.open(requestUrl);
		browser.submit(By.id("approve"));
		browser.waitForUrl(requestUrl);
		assertThat(browser.find(By.id("request-status")).getText()).contains("Approved");
		signOut();

		signIn("alice");
		browser.open(requestUrl);
		browser.click(By.id("create-token"));
		String value = browser.find(By.id("token-value")).getAttribute("value");
		assertThat(value).startsWith("glpat-");
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		assertThat(browser.pageText()).contains("This is the only time the portal shows this value.");
		browser.screenshot("journey-token-shown-once");

		browser.driver().navigate().back();
		assertThat(browser.driver().getPageSource()).doesNotContain(value);
		browser.open(requestUrl);
		assertThat(browser.driver().getPageSource()).doesNotContain(value);
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isOne();

		browser.click(By.id("revoke-token"));
		assertThat(browser.find(By.id("confirm-consequence")).getText()).contains("cannot be undone");
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).as("nothing happens before confirming")
			.isOne();
		browser.find(By.id("reason")).sendKeys("Leaked in a build log.");
		browser.screenshot("journey-revoke-confirm");
		browser.submit(By.id("confirm-action"));
		browser.waitForUrl(requestUrl);
		assertThat(browser.find(By.id("request-status")).getText()).contains("Revoked");
		assertThat(browser.pageText()).contains("Leaked in a build log.");
		assertThat(this.sandbox.state().activeTokenCount(SandboxSeed.API)).isZero();
		browser.screenshot("journey-revoked");
	}

	private void signIn(String username) {
		browser.open(portal("/login"));
		new LoginPage(browser).signInWithGitLab().signInAs(username);
	}

	private void signOut() {
		browser.click(By.id("logout"));
		browser.waitForUrl("/login?logout");
	}

	private String portal(String path) {
		return "http://localhost:" + this.port + path;
	}

}
