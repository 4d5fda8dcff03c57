package dev.tokenportal.browser;

import org.openqa.selenium.By;

/**
 * The GitLab sandbox's page where you pick who you are.
 *
 * @author Token Portal team
 */
final class SandboxSignInPage {

	private final Browser browser;

	SandboxSignInPage(Browser browser) {
		this.browser = browser;
		browser.waitForUrl("/oauth/authorize");
	}

	HomePage signInAs(String username) {
		this.browser.click(By.id("login-" + username));
		return new HomePage(this.browser);
	}

}
