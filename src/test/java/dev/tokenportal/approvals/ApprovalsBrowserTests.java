package dev.tokenportal.approvals;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.browser.Browser;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.tokenportal.approvals.ApprovalFixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Owner in headless Chromium: opens the approval queue from the navigation, reads a
 * request, rejects it with a reason on the page that asks for one, and approves another
 * with a comment from the request page's fragment.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class ApprovalsBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Autowired
	JdbcTemplate jdbc;

	ApprovalFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
		this.fixtures = new ApprovalFixtures(this.requests, this.jdbc);
	}

	@Test
	void anOwnerRejectsARequestFromTheQueueWithAReason() {
		TokenRequest request = this.fixtures.standard(ALICE, SandboxSeed.API_ID);
		signInAs("carol");

		browser.click(By.id("nav-approvals"));
		WebElement item = browser.find(By.id("queued-" + request.getShortId()));
		assertThat(item.getText()).contains("@alice", "platform/backend/api", "0 of 1 approvals",
				"Deploys the service from CI");
		browser.screenshot("approvals-queue-carol");

		item.findElement(By.cssSelector("a.reject-link")).click();
		browser.waitForUrl("/requests/" + request.getId() + "/reject");
		WebElement reason = browser.find(By.id("reason"));
		browser.screenshot("approvals-reject-carol");
		browser.click(By.id("confirm-reject"));
		// the browser insists on a reason before anything is sent
		assertThat(browser.currentUrl()).endsWith("/reject");
		assertThat(this.requests.get(request.getId()).getStatus()).isEqualTo(TokenRequestStatus.PENDING_APPROVAL);
		reason.sendKeys("Use the shared deploy token.");
		browser.submit(By.id("confirm-reject"));

		assertThat(browser.currentUrl()).endsWith("/requests/" + request.getId());
		assertThat(browser.find(By.id("flash-message")).getText()).contains("Rejected");
		TokenRequest rejected = this.requests.get(request.getId());
		assertThat(rejected.getStatus()).isEqualTo(TokenRequestStatus.REJECTED);
		assertThat(rejected.getStatusReason()).as("the Owner\'s words, as the argument of a code")
			.isEqualTo(StatusReason.of(StatusReason.REJECTED, "Use the shared deploy token."));
	}

	@Test
	void anOwnerApprovesFromTheRequestPageFragment() {
		TokenRequest request = this.fixtures.high(ALICE, SandboxSeed.API_ID);
		signInAs("bob");

		browser.open(portal("/requests/" + request.getId()));
		assertThat(browser.find(By.id("approval-count")).getText()).isEqualTo("0 of 2 approvals");
		assertThat(browser.find(By.id("requester-role")).getText())
			.isEqualTo("@alice is Developer of platform/backend/api in GitLab now.");
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
				browser.find(By.id("approval-actions")));
		browser.screenshot("approvals-fragment-bob");
		browser.find(By.id("approve-comment")).sendKeys("Fine until the release.");
		browser.submit(By.id("approve"));

		browser.waitForUrl("/requests/" + request.getId());
		assertThat(this.fixtures.approvalsOf(request.getId())).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("approver_name", "bob")
				.containsEntry("comment", "Fine until the release."));
		browser.open(portal("/requests/" + request.getId()));
		assertThat(browser.find(By.id("approval-count")).getText()).isEqualTo("1 of 2 approvals");
		assertThat(browser.find(By.id("approval-decisions")).getText()).contains("Approved by @bob (Owner)",
				"Fine until the release.");
		browser.screenshot("approvals-fragment-bob-after");
	}

	private void signInAs(String username) {
		browser.open(portal("/oauth2/authorization/gitlab"));
		browser.waitForUrl(this.sandbox.baseUrl());
		// the sandbox's picker honours login_hint, as PortalHttp does
		browser.open(browser.currentUrl() + "&login_hint=" + username);
		browser.waitForUrl("http://localhost:" + this.port + "/");
		browser.find(By.id("current-user"));
	}

	private String portal(String path) {
		return "http://localhost:" + this.port + path;
	}

}
