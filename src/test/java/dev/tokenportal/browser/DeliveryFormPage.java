package dev.tokenportal.browser;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The request form's "Where the token goes" choice: the CI/CD variable's fields appear
 * only once "Put it into a CI/CD variable" is chosen.
 *
 * @author Token Portal team
 */
final class DeliveryFormPage {

	private final Browser browser;

	DeliveryFormPage(Browser browser) {
		this.browser = browser;
		browser.find(By.id("delivery-field"));
	}

	boolean variableFieldsShown() {
		return this.browser.driver().findElement(By.id("variable-fields")).isDisplayed();
	}

	/**
	 * Chooses the CI/CD variable and waits for its fields to appear.
	 * @return this page
	 */
	DeliveryFormPage intoVariable() {
		click(By.id("delivery-variable"));
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("variable-fields")));
		return this;
	}

	DeliveryFormPage fill(String field, String value) {
		WebElement input = this.browser.find(By.id(field));
		input.clear();
		input.sendKeys(value);
		return this;
	}

	DeliveryFormPage tick(String checkbox) {
		if (!this.browser.find(By.id(checkbox)).isSelected()) {
			click(By.id(checkbox));
		}
		return this;
	}

	// clear of the preview that stays at the bottom, as on the rest of the form
	private void click(By by) {
		WebElement element = this.browser.find(by);
		((JavascriptExecutor) this.browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
				element);
		this.browser.click(by);
	}

}
