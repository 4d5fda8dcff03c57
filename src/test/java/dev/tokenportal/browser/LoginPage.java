package dev.tokenportal.browser;

import org.openqa.selenium.By;

/**
 * The portal's sign-in page.
 *
 * @author Token Portal team
 */
final class LoginPage {

	private final Browser browser;

	LoginPage(Browser browser) {
		this.browser = browser;
		browser.find(By.id("login-gitlab"));
	}

	SandboxSignInPage signInWithGitLab() {
		this.browser.click(By.id("login-gitlab"));
		return new SandboxSignInPage(this.browser);
	}

	String text() {
		return this.browser.pageText();
	}

}
