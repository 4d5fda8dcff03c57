package dev.tokenportal.browser;

import java.util.List;
import java.util.Map;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tokenportal.issuance.IssuanceTestSupport.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person whose browser is in Tokyo reads times in Tokyo time, named, with UTC on hover:
 * the layout's script tells the portal the browser's zone once, and every page after that
 * uses it.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class TimeZoneBrowserTests {

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
	void timesAreInTheBrowsersZoneWithUtcOnHover() {
		TokenRequest request = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID, List.of("read_api"),
				20, 30);
		((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
				Map.of("timezoneId", "Asia/Tokyo"));
		browser.open("http://localhost:" + this.port + "/");
		browser.waitForUrl("/login");
		new LoginPage(browser).signInWithGitLab().signInAs("alice");

		browser.open("http://localhost:" + this.port + "/requests");
		WebElement submitted = browser.find(By.cssSelector("a[href='/requests/" + request.getId() + "']"))
			.findElement(By.xpath("ancestor::tr//time"));

		assertThat(submitted.getText()).endsWith(" JST");
		assertThat(submitted.getAttribute("title")).endsWith(" UTC");
		assertThat(submitted.getAttribute("datetime")).endsWith("Z");
		assertThat(browser.driver().manage().getCookieNamed("tz").getValue()).isEqualTo("Asia%2FTokyo");
		browser.screenshot("my-requests-in-tokyo-time");
	}

}
