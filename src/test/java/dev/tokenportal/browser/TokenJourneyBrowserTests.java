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
 * then revokes it. And when carol rejects, alice asks again from the form filled in,
 * changes a scope, and cancels after confirming.
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

	@Test
	void rejectedWithAReasonAskedAgainWithAChangeAndCancelledAfterConfirming() {
		signIn("alice");
		browser.open(portal("/requests/new"));
		new RequestFormPage(browser).chooseTarget("platform/backend/api")
			.tickScope("read_api")
			.tickScope("write_repository")
			.fill("tokenName", "release-pusher")
			.fill("justification", "Pushes release tags from CI.")
			.submit();
		String requestUrl = browser.currentUrl();
		signOut();

		signIn("carol");
		browser.open(requestUrl);
		browser.click(By.id("reject-request"));
		browser.click(By.id("confirm-reject"));
		// the browser insists on a reason before anything is sent
		assertThat(browser.currentUrl()).isEqualTo(requestUrl + "/reject");
		browser.find(By.id("reason")).sendKeys("Reading is enough; ask without write_repository.");
		browser.screenshot("journey-reject-reason");
		browser.submit(By.id("confirm-reject"));
		assertThat(browser.currentUrl()).isEqualTo(requestUrl);
		assertThat(browser.find(By.id("request-status")).getText()).contains("Rejected");
		signOut();

		signIn("alice");
		browser.open(requestUrl);
		browser.click(By.id("request-again"));
		RequestFormPage again = new RequestFormPage(browser);
		assertThat(browser.find(By.id("tokenName")).getAttribute("value")).isEqualTo("release-pusher");
		assertThat(browser.find(By.id("justification")).getAttribute("value"))
			.isEqualTo("Pushes release tags from CI.");
		assertThat(browser.find(By.id("scope-write_repository")).isSelected()).isTrue();
		browser.screenshot("journey-request-again");
		String granted = again.tickScope("write_repository").submit();
		assertThat(granted).contains("Approved");
		String againUrl = browser.currentUrl();
		assertThat(againUrl).isNotEqualTo(requestUrl);

		browser.click(By.id("cancel-request"));
		assertThat(browser.find(By.id("confirm-consequence")).getText()).contains("no token can be created");
		assertThat(browser.currentUrl()).as("nothing happens before confirming").endsWith("/cancel");
		browser.screenshot("journey-cancel-confirm");
		browser.submit(By.id("confirm-cancel"));
		assertThat(browser.currentUrl()).isEqualTo(againUrl);
		assertThat(browser.find(By.id("request-status")).getText()).contains("Cancelled");
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
