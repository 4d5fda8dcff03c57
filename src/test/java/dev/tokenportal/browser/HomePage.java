package dev.tokenportal.browser;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The portal's home page: who I am and what I belong to.
 *
 * @author Token Portal team
 */
final class HomePage {

	private final Browser browser;

	HomePage(Browser browser) {
		this.browser = browser;
		browser.find(By.id("current-user"));
	}

	String signedInName() {
		return this.browser.find(By.id("current-user")).getText();
	}

	String profileText() {
		return this.browser.find(By.id("profile")).getText();
	}

	List<String> projectPaths() {
		return paths("projects");
	}

	List<String> groupPaths() {
		return paths("groups");
	}

	HomePage nextProjectsPage() {
		this.browser.click(By.cssSelector("#projects-pager a[rel=next]"));
		this.browser.waitForUrl("projects=2");
		return new HomePage(this.browser);
	}

	LoginPage signOut() {
		this.browser.click(By.id("logout"));
		this.browser.waitForUrl("/login?logout");
		return new LoginPage(this.browser);
	}

	private List<String> paths(String section) {
		this.browser.find(By.id(section));
		return this.browser.driver()
			.findElements(By.cssSelector("#" + section + " li.item"))
			.stream()
			.map((WebElement item) -> item.getAttribute("data-path"))
			.toList();
	}

}
