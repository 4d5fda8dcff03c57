package dev.tokenportal;

import java.io.File;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An Owner approves a request in headless Chromium, for bench/run-api-trial.sh: opens the
 * request page, signs in by clicking through the GitLab sandbox's OAuth page (as the test
 * suite's {@code Browser} helper does), clicks Approve and waits for the page that says who
 * approved. Prints {@code approved in the browser: …} and exits 0, or prints what it saw and exits 1.
 * <p>
 * {@code java -cp … dev.tokenportal.BrowserApproval PORTAL-URL USER REQUEST-ID}
 *
 * @author Token Portal team
 */
public final class BrowserApproval {

	public static void main(String[] args) {
		String portal = args[0];
		String user = args[1];
		String id = args[2];
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("portal.test.chromium", "/usr/bin/chromium"));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(System.getProperty("portal.test.chromedriver", "/usr/bin/chromedriver")))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		int exit = 1;
		try {
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
			driver.get(portal + "/requests/" + id);
			wait.until(ExpectedConditions.elementToBeClickable(By.id("login-gitlab"))).click();
			wait.until(ExpectedConditions.urlContains("/oauth/authorize"));
			wait.until(ExpectedConditions.elementToBeClickable(By.id("login-" + user))).click();
			// back on the portal, on the page asked for before signing in
			wait.until(ExpectedConditions.urlContains("/requests/" + id));
			JavascriptExecutor script = driver;
			script.executeScript("window.portalOldPage = true;");
			wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
			wait.until((d) -> Boolean.TRUE.equals(script
				.executeScript("return window.portalOldPage === undefined && document.readyState === 'complete';")));
			// the decisions list names the approval; no Approve button is left for this Owner
			String decisions = String.join(" | ", driver.findElements(By.cssSelector("#approval-decisions li"))
				.stream()
				.map((item) -> item.getText().replace('\n', ' '))
				.toList());
			if (!decisions.isEmpty() && driver.findElements(By.id("approve")).isEmpty()) {
				System.out.println("approved in the browser: " + decisions);
				exit = 0;
			}
			else {
				System.out.println("no approval on " + driver.getCurrentUrl() + ":\n"
						+ driver.findElement(By.tagName("body")).getText());
			}
		}
		catch (RuntimeException ex) {
			System.out.println("browser failed on " + driver.getCurrentUrl() + ": " + ex.getMessage());
		}
		finally {
			driver.quit();
		}
		System.exit(exit);
	}

}
