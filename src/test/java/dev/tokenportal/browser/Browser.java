package dev.tokenportal.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own ChromeDriver (never Selenium Manager,
 * which would try to download one). {@code .ci/run} installs both.
 *
 * @author Token Portal team
 */
public final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private static final String CHROMIUM = System.getProperty("portal.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("portal.test.chromedriver", "/usr/bin/chromedriver");

	private ChromeDriver driver;

	private WebDriverWait wait;

	private Browser() {
	}

	/**
	 * A browser for one test class:
	 * {@code @RegisterExtension static final Browser browser
	 * = Browser.headless();} starts it before the first test, clears its cookies before
	 * each test (everyone starts signed out) and quits it after the last.
	 * @return the browser, not started yet
	 */
	public static Browser headless() {
		return new Browser();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.driver = start();
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(15));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.driver.manage().deleteAllCookies();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.driver.quit();
	}

	private static ChromeDriver start() {
		if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
			throw new IllegalStateException("Browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM
					+ " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver (.ci/run does this)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--window-size=1280,900");
		// the console's messages, CSP violations among them, for consoleLog()
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Resizes the window, for a page seen on a phone.
	 * @param width the width in CSS pixels
	 * @param height the height in CSS pixels
	 */
	public void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * What inside a part of the page sticks out of the window on the right, so a person
	 * has to scroll sideways to read it.
	 * @param selector the part, as a CSS selector
	 * @return the elements that stick out (tag, id and class), empty when that part fits
	 */
	@SuppressWarnings("unchecked")
	public java.util.List<String> widerThanTheWindow(String selector) {
		return (java.util.List<String>) ((JavascriptExecutor) this.driver).executeScript("""
				var width = document.documentElement.clientWidth;
				var part = document.querySelector(arguments[0]);
				return [part].concat(Array.from(part.querySelectorAll('*')))
					.filter(function (e) { return e.getBoundingClientRect().right > width + 0.5; })
					.map(function (e) { return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className; });
				""", selector);
	}

	/**
	 * Shows pages as a screen of this width would, in the light or dark colour scheme,
	 * without restarting the browser or reloading the page.
	 * @param width the viewport width in CSS pixels
	 * @param height the viewport height in CSS pixels
	 * @param dark whether the reader asks for a dark theme
	 */
	public void emulate(int width, int height, boolean dark) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
				java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
	}

	/**
	 * Back to the window's own size and colour scheme.
	 */
	public void stopEmulating() {
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features", java.util.List.of()));
	}

	/**
	 * How much wider the page is than the window, so that a person has to scroll
	 * sideways.
	 * @return the excess in CSS pixels, 0 when the page fits
	 */
	public long sidewaysScroll() {
		return ((Number) ((JavascriptExecutor) this.driver)
			.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);"))
			.longValue();
	}

	/**
	 * Runs axe-core's WCAG 2.1 A and AA rules on the current page.
	 * @return one line per rule broken: its id, impact, and the selectors of the elements
	 * that break it; empty when the page passes
	 */
	@SuppressWarnings("unchecked")
	public java.util.List<String> accessibilityViolations() {
		JavascriptExecutor script = (JavascriptExecutor) this.driver;
		if (!Boolean.TRUE.equals(script.executeScript("return typeof window.axe === 'object';"))) {
			script.executeScript(axeSource());
		}
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return (java.util.List<String>) script.executeAsyncScript(
				"""
						var done = arguments[arguments.length - 1];
						axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
								resultTypes: ['violations'] })
							.then(function (results) {
								done(results.violations.map(function (v) {
									return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) {
										return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ') + ']' : '');
									}).join(' | ');
								}));
							})
							.catch(function (e) { done(['axe failed: ' + e]); });
						""");
	}

	private static String axeSource() {
		try (java.io.InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public String currentUrl() {
		return this.driver.getCurrentUrl();
	}

	public WebElement find(By by) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	public void click(By by) {
		this.wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	/**
	 * Clicks something that submits a form and waits until the browser shows the answer.
	 * Waiting for a URL is not enough when the answer redirects back to the same page.
	 * @param by the button
	 */
	public void submit(By by) {
		JavascriptExecutor script = (JavascriptExecutor) this.driver;
		// a mark on the old page's window; a new document does not have it. Waiting for
		// the old element to go stale fails now and then: Chrome may report the node as
		// gone with a different error while it is being replaced.
		script.executeScript("window.portalOldPage = true;");
		click(by);
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
			.until((driver) -> Boolean.TRUE.equals(script
				.executeScript("return window.portalOldPage === undefined && document.readyState === 'complete';")));
	}

	public void waitForUrl(String fragment) {
		this.wait.until(ExpectedConditions.urlContains(fragment));
	}

	/**
	 * What the pages wrote to the browser's console since the last call: errors, warnings
	 * and the browser's own reports, such as a Content Security Policy violation.
	 * @return the messages, one a line
	 */
	public java.util.List<String> consoleLog() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map((LogEntry entry) -> entry.getLevel() + " " + entry.getMessage())
			.toList();
	}

	public String pageText() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * Saves a screenshot under {@code target/screenshots}, for a person to look at.
	 * @param name the file name, without extension
	 * @return the file
	 */
	public Path screenshot(String name) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "screenshots"));
			Path file = dir.resolve(name + ".png");
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
