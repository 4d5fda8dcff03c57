package dev.tokenportal.browser;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.gitlabsandbox.SandboxVariable;
import dev.tokenportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that goes straight into a CI/CD variable, in headless Chromium at a desktop's
 * and a phone's width: alice chooses the variable on the request form, bob approves
 * seeing where the token will go, alice creates it and reads where it went and how to use
 * it, and nobody ever sees its value.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class DeliveryBrowserTests {

	private static final String KEY = "WEB_DEPLOY_TOKEN";

	@RegisterExtension
	static final Browser browser = Browser.headless();

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@BeforeEach
	void resetSandbox() {
		this.sandbox.reset();
	}

	@AfterEach
	void desktopAgain() {
		browser.resize(1280, 900);
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 1280, 390 })
	void chosenAtRequestApprovedSeeingWhereAndDeliveredWithoutShowingTheValue(int width) {
		browser.resize(width, 900);
		signIn("alice");
		browser.open(portal("/requests/new"));
		RequestFormPage form = new RequestFormPage(browser).chooseTarget(SandboxSeed.WEB)
			.tickScope("read_repository")
			.tickScope("write_repository")
			.fill("tokenName", "web-deploy")
			.fill("justification", "Deploys the web front end from CI.");
		DeliveryFormPage delivery = new DeliveryFormPage(browser);
		assertThat(delivery.variableFieldsShown()).as("hidden while the token is to be shown").isFalse();
		delivery.intoVariable().fill("variableKey", KEY).fill("environmentScope", "production");
		assertThat(delivery.variableFieldsShown()).isTrue();
		assertThat(browser.widerThanTheWindow("#delivery-field")).as("the variable's fields fit %d px", width)
			.isEmpty();
		browser.screenshot("delivery-form-" + width);
		String requestPage = form.submit();
		assertThat(requestPage).contains("Waiting for approval");
		String requestUrl = browser.currentUrl();
		signOut();

		signIn("bob");
		browser.open(requestUrl);
		assertThat(browser.find(By.id("request-delivery")).getText())
			.contains("CI/CD variable " + KEY + " of project " + SandboxSeed.WEB, "for the environments production");
		assertThat(browser.widerThanTheWindow("#request-delivery")).as("where it goes fits %d px", width).isEmpty();
		browser.submit(By.id("approve"));
		browser.waitForUrl(requestUrl);
		assertThat(browser.find(By.id("request-status")).getText()).contains("Approved");
		signOut();

		signIn("alice");
		browser.open(requestUrl);
		browser.click(By.id("create-token"));
		browser.find(By.id("token-delivered"));
		assertThat(browser.find(By.id("delivery-owner")).getText()).isEqualTo(SandboxSeed.WEB);
		assertThat(browser.find(By.id("delivery-key")).getText()).isEqualTo(KEY);
		assertThat(browser.find(By.id("delivery-scope")).getText()).isEqualTo("production");
		assertThat(browser.find(By.id("delivery-example")).getText()).contains("$" + KEY);
		assertThat(browser.pageText()).contains("Nobody sees this token's value, not even you");
		assertThat(browser.driver().getPageSource()).doesNotContain("glpat-");
		assertThat(browser.widerThanTheWindow("#token-delivered")).as("the delivered page fits %d px", width).isEmpty();
		browser.screenshot("delivery-delivered-" + width);

		SandboxVariable variable = this.sandbox.state().variable(SandboxSeed.WEB, KEY, "production").orElseThrow();
		assertThat(variable.value()).startsWith("glpat-");
		assertThat(this.sandbox.issuedTokenValues()).contains(variable.value());
	}

	private void signIn(String username) {
		browser.open(portal("/login"));
		new LoginPage(browser).signInWithGitLab().signInAs(username);
	}

	private void signOut() {
		browser.click(By.id("logout"));
		browser.waitForUrl("/login?logout");
	}

	private String portal(String path) {
		return "http://localhost:" + this.port + path;
	}

}
