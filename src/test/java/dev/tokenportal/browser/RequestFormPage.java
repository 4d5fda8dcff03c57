package dev.tokenportal.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The token request form, with its live policy preview.
 *
 * @author Token Portal team
 */
final class RequestFormPage {

	private final Browser browser;

	RequestFormPage(Browser browser) {
		this.browser = browser;
		browser.find(By.id("request-form"));
	}

	RequestFormPage chooseTarget(String path) {
		new Select(this.browser.find(By.id("target"))).selectByVisibleText(path);
		return this;
	}

	RequestFormPage tickScope(String scope) {
		click(By.id("scope-" + scope));
		return this;
	}

	RequestFormPage fill(String field, String value) {
		WebElement input = this.browser.find(By.id(field));
		input.clear();
		input.sendKeys(value);
		return this;
	}

	/**
	 * Waits until the preview says something containing the text.
	 * @param text the expected text
	 * @return the preview's whole text
	 */
	String previewSays(String text) {
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-preview-text"), text));
		return this.browser.find(By.id("policy-preview")).getText();
	}

	// as a person does: bring the element to the middle of the window, clear of the
	// preview that stays at the bottom
	private void click(By by) {
		WebElement element = this.browser.find(by);
		((JavascriptExecutor) this.browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
				element);
		this.browser.click(by);
	}

	String previewOutcome() {
		return this.browser.find(By.id("policy-preview")).getAttribute("data-outcome");
	}

	String expiryMax() {
		return this.browser.find(By.id("expiresOn")).getAttribute("max");
	}

	String submit() {
		click(By.id("submit-request"));
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("request-status")));
		return this.browser.pageText();
	}

}
