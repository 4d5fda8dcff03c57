package dev.tokenportal.browser;

import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.policy.PolicyService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person fills in the request form in headless Chromium, under the portal's strict
 * content security policy: the preview follows their choices as they make them, and the
 * request they submit lands where the preview said.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class RequestFormBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	PolicyService policy;

	@BeforeEach
	void signIn() {
		this.sandbox.reset();
		browser.open("http://localhost:" + this.port + "/");
		browser.waitForUrl("/login");
		new LoginPage(browser).signInWithGitLab().signInAs("alice");
	}

	@Test
	void thePreviewFollowsTheFormAndTheRequestLandsWhereItSaid() {
		browser.open("http://localhost:" + this.port + "/requests/new");
		RequestFormPage form = new RequestFormPage(browser);
		form.chooseTarget("platform/backend/api").tickScope("read_api");
		assertThat(form.previewSays("Granted at once.")).contains("read-only project token");
		assertThat(form.previewOutcome()).isEqualTo("LOW");
		assertThat(form.expiryMax()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(365).toString());
		form.tickScope("write_repository");
		form.previewSays("Needs 1 approval from an Owner of platform/backend/api.");
		assertThat(form.previewOutcome()).isEqualTo("STANDARD");
		long version = this.policy.currentVersion();
		assertThat(browser.find(By.id("policy-preview-version")).getText()).as("the live preview's policy version")
			.isEqualTo((version == 0) ? "(the built-in policy: no admin has changed it)"
					: "(policy version " + version + ")");
		browser.screenshot("request-form-preview");
		String page = form.fill("tokenName", "release-pusher")
			.fill("justification", "Pushes release tags from CI.")
			.submit();
		assertThat(page).contains("Your request was submitted.", "release-pusher", "Waiting for approval",
				"0 of 1 required", "Request submitted", "Policy decided");
		browser.screenshot("request-page");
	}

}
