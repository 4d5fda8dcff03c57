package dev.tokenportal.issuance;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.browser.Browser;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * My tokens and the page that shows a value once, in headless Chromium: rotate from My
 * tokens, copy the new value with the button (no inline script), and going back never
 * shows it again.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TokenBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
	}

	@Test
	void rotateFromMyTokensShowsTheNewValueOnceWithACopyButton() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		PortalHttp.Response created = IssuanceTestSupport.post(IssuanceTestSupport.signedIn(this.port, "alice"),
				request.getId(), "create");
		String first = IssuanceTestSupport.valueIn(created.body());
		browser.open("http://localhost:" + this.port + "/tokens");
		browser.waitForUrl("/login");
		browser.click(By.id("login-gitlab"));
		browser.click(By.id("login-alice"));
		browser.find(By.id("current-user"));
		browser.open("http://localhost:" + this.port + "/tokens");
		assertThat(browser.find(By.id("token-" + request.getShortId())).getText()).contains("Active",
				"platform/backend/api");
		assertThat(browser.driver().getPageSource()).doesNotContain(first);
		browser.screenshot("my-tokens");

		browser.click(By.cssSelector("#token-" + request.getShortId() + " a.rotate"));
		assertThat(browser.find(By.id("confirm-consequence")).getText())
			.contains("the current value stops working at once");
		browser.screenshot("rotate-confirm");
		browser.click(By.id("confirm-action"));

		String value = browser.find(By.id("token-value")).getDomProperty("value");
		assertThat(value).isNotEqualTo(first);
		assertThat(this.sandbox.issuedTokenValues()).contains(value);
		assertThat(browser.pageText()).contains("only time the portal shows this value", "secret manager");
		browser.click(By.id("copy-token"));
		assertThat(browser.find(By.id("copy-status")).getText()).isEqualTo("Copied to the clipboard.");
		browser.screenshot("token-created");

		browser.open("http://localhost:" + this.port + "/tokens");
		browser.driver().navigate().back();
		assertThat(browser.driver().getPageSource()).doesNotContain(value);
		browser.open("http://localhost:" + this.port + "/tokens");
		assertThat(browser.driver().getPageSource()).doesNotContain(value);
	}

}
