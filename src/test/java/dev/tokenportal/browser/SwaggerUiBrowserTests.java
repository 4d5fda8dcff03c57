package dev.tokenportal.browser;

import java.time.Duration;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Swagger UI in headless Chromium, under the portal's Content Security Policy: a
 * signed-in user sees the operations of {@code /api/v1} rendered, and the browser reports
 * no policy violation; anonymous visitors are sent to sign in first.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SwaggerUiBrowserTests {

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
	}

	@Test
	void aSignedInUserSeesTheApiOperationsWithNoPolicyViolation() {
		browser.consoleLog();
		browser.open("http://localhost:" + this.port + "/swagger-ui.html");
		browser.waitForUrl("/login");
		new LoginPage(browser).signInWithGitLab();
		browser.click(By.id("login-alice"));
		browser.waitForUrl("/swagger-ui/");

		List<String> operations = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until((driver) -> {
			List<String> found = driver.findElements(By.cssSelector(".opblock .opblock-summary-path"))
				.stream()
				.map(WebElement::getText)
				.toList();
			return (found.size() >= 12) ? found : null;
		});
		assertThat(operations).allMatch((path) -> path.replace("\u200b", "").startsWith("/api/v1/"));
		assertThat(operations.stream().map((path) -> path.replace("\u200b", ""))).contains("/api/v1/requests",
				"/api/v1/requests/{id}/token", "/api/v1/tokens/{id}/renewal");
		assertThat(browser.find(By.cssSelector(".swagger-ui .info .title")).getText()).isNotBlank();
		browser.screenshot("swagger-ui");

		List<String> console = browser.consoleLog();
		assertThat(console).as("the browser's console")
			.noneMatch((line) -> line.contains("Content Security Policy") || line.contains("Refused to"));
	}

	@Test
	void anonymousVisitorsAreSentToSignIn() {
		browser.open("http://localhost:" + this.port + "/swagger-ui/index.html");
		browser.waitForUrl("/login");
		assertThat(browser.find(By.id("login-gitlab")).isDisplayed()).isTrue();
	}

}
