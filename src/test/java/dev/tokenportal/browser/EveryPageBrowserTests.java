package dev.tokenportal.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.issuance.IssuanceTestSupport;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tokenportal.issuance.IssuanceTestSupport.submit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page each kind of user reaches, on a desktop and on two phone widths, in the
 * light and the dark theme: nobody has to scroll sideways to read it (WCAG 1.4.10 reflow)
 * and axe-core finds nothing against WCAG 2.1 A and AA. One browser signs in once per
 * role and changes its width and colour scheme without reloading. Screenshots land in
 * {@code target/screenshots/<page>-<role>-<width>[-dark].png}.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class EveryPageBrowserTests {

	private static final int[] WIDTHS = { 1280, 390, 320 };

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

	@AfterEach
	void desktopAgain() {
		browser.stopEmulating();
	}

	@TestFactory
	Stream<DynamicTest> signedOut() {
		return check("signed-out", List.of(page("login", "/login"), page("signed-out", "/login?logout")));
	}

	@TestFactory
	Stream<DynamicTest> requester() {
		TokenRequest pending = pendingRequest();
		TokenRequest issued = issuedRequest();
		TokenRequest approved = IssuanceTestSupport.approvedApiRequest(this.requests);
		TokenRequest createdElsewhere = IssuanceTestSupport.approvedApiRequest(this.requests);
		TokenRequest rotatedLost = issuedRequest();
		signIn(SandboxSeed.ALICE);
		return check("requester", List.of(page("home", "/"), page("new-request", "/requests/new"),
				page("new-request-errors", "/requests/new", (b) -> b.submit(By.id("submit-request"))),
				page("delivery-form", "/requests/new", EveryPageBrowserTests::intoVariable),
				page("my-requests", "/requests"), page("request", "/requests/" + pending.getId()),
				page("cancel", "/requests/" + pending.getId() + "/cancel"), page("my-tokens", "/tokens"),
				page("token", "/requests/" + issued.getId()), page("revoke", "/requests/" + issued.getId() + "/revoke"),
				page("rotate", "/requests/" + issued.getId() + "/rotate"), page("approvals-empty", "/approvals"),
				page("preferences", "/preferences"), page("error-403", "/audit"),
				page("error-404", "/requests/" + UUID.randomUUID()),
				// the value shown once must be readable and copyable on a phone too
				page("token-created", "/requests/" + approved.getId(), (b) -> {
					b.submit(By.id("create-token"));
					assertThat(b.find(By.id("token-value")).getAttribute("value")).isNotEmpty();
				}),
				// Create pressed in a tab opened before another tab created the token
				page("create-conflict", "/requests/" + createdElsewhere.getId(), (b) -> {
					createInAnotherTab(createdElsewhere);
					b.submit(By.id("create-token"));
					assertThat(b.find(By.id("token-conflict")).isDisplayed()).isTrue();
				}),
				// GitLab rotated the token but its answer was lost: the portal says what
				// it did
				page("token-failed", "/requests/" + rotatedLost.getId() + "/rotate", (b) -> {
					this.sandbox.faults()
						.on("POST", "/api/v4/projects/*/access_tokens/*/rotate")
						.dropConnectionAfterAction()
						.times(1);
					b.submit(By.id("confirm-action"));
					assertThat(b.find(By.id("token-failed")).isDisplayed()).isTrue();
				})));
	}

	@TestFactory
	Stream<DynamicTest> approver() {
		TokenRequest pending = pendingRequest();
		signIn(SandboxSeed.CAROL);
		return check("approver",
				List.of(page("home", "/"), page("approvals", "/approvals"),
						page("request", "/requests/" + pending.getId()),
						page("reject", "/requests/" + pending.getId() + "/reject"), page("my-requests", "/requests"),
						page("my-tokens", "/tokens"), page("preferences", "/preferences")));
	}

	@TestFactory
	Stream<DynamicTest> auditor() {
		issuedRequest();
		signIn(SandboxSeed.DAVE);
		return check("auditor",
				List.of(page("home", "/"), page("audit", "/audit"),
						page("audit-event", "/audit", (b) -> b.submit(By.cssSelector("a[href^='/audit/events/']"))),
						page("audit-verified", "/audit", (b) -> b.submit(By.id("verify-incremental"))),
						page("inventory", "/inventory"), page("inventory-gitlab", "/inventory/gitlab"),
						page("preferences", "/preferences"), page("error-403", "/admin/policy")));
	}

	@TestFactory
	Stream<DynamicTest> admin() {
		signIn(SandboxSeed.ERIN);
		return check("admin",
				List.of(page("home", "/"), page("policy", "/admin/policy"),
						page("policy-group", "/admin/policy/groups/new"), page("chat-channels", "/admin/notifications"),
						page("webhooks", "/admin/webhooks"), page("preferences", "/preferences"),
						page("approvals", "/approvals")));
	}

	@Test
	void onAPhoneTheMenuButtonOpensEveryLinkOfTheRoleWithTheKeyboard() {
		issuedRequest();
		signIn(SandboxSeed.DAVE);
		browser.emulate(390, 844, false);
		browser.open(portal("/audit"));
		assertThat(browser.driver().findElement(By.id("nav-audit")).isDisplayed()).as("folded away").isFalse();
		WebElement menu = browser.find(By.id("menu-button"));
		menu.sendKeys(Keys.ENTER);
		for (String link : List.of("nav-requests", "nav-approvals", "nav-audit", "nav-inventory", "nav-preferences")) {
			assertThat(browser.find(By.id(link)).isDisplayed()).as(link).isTrue();
		}
		assertThat(browser.widerThanTheWindow("#site-menu")).isEmpty();
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.screenshot("menu-auditor-390");
		browser.emulate(390, 844, true);
		assertThat(browser.accessibilityViolations()).isEmpty();
		browser.screenshot("menu-auditor-390-dark");
		new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
		assertThat(browser.driver().findElement(By.id("nav-audit")).isDisplayed()).as("closed again").isFalse();
		browser.click(By.id("menu-button"));
		browser.click(By.id("nav-inventory"));
		browser.waitForUrl("/inventory");
		// the rows of a table, stacked as cards with their column names
		browser.emulate(390, 844, false);
		browser.open(portal("/audit"));
		((JavascriptExecutor) browser.driver())
			.executeScript("document.getElementById('audit-events').scrollIntoView();");
		assertThat(browser.find(By.cssSelector("#audit-events td[data-label]")).getText()).isNotEmpty();
		browser.screenshot("audit-rows-auditor-390");
	}

	private Stream<DynamicTest> check(String role, List<Page> pages) {
		return pages.stream()
			.map((page) -> DynamicTest.dynamicTest(page.name() + " as " + role, () -> check(role, page)));
	}

	private void check(String role, Page page) {
		browser.stopEmulating();
		browser.open(portal(page.path()));
		page.prepare().accept(browser);
		if (!page.path().startsWith("/login")) {
			assertThat(browser.currentUrl()).as("%s as %s stays signed in", page.name(), role).doesNotContain("/login");
		}
		List<String> problems = new ArrayList<>();
		for (boolean dark : new boolean[] { false, true }) {
			for (int width : WIDTHS) {
				browser.emulate(width, (width > 600) ? 900 : 844, dark);
				String where = page.name() + " as " + role + " at " + width + " px" + (dark ? ", dark" : "");
				long sideways = browser.sidewaysScroll();
				if (sideways > 0) {
					problems.add(where + ": scrolls sideways by " + sideways + " px; too wide: "
							+ browser.widerThanTheWindow("body"));
				}
				browser.accessibilityViolations().forEach((violation) -> problems.add(where + ": " + violation));
				browser.screenshot(page.name() + "-" + role + "-" + width + (dark ? "-dark" : ""));
			}
		}
		assertThat(problems).as("reflow and WCAG 2.1 AA of %s as %s", page.name(), role).isEmpty();
	}

	private TokenRequest pendingRequest() {
		TokenRequest request = submit(this.requests, GitLabResource.PROJECT, SandboxSeed.API_ID,
				List.of("read_repository", "write_repository"), 30, 30);
		assertThat(request.getStatus().name()).isEqualTo("PENDING_APPROVAL");
		return request;
	}

	private TokenRequest issuedRequest() {
		TokenRequest request = IssuanceTestSupport.approvedApiRequest(this.requests);
		createInAnotherTab(request);
		return request;
	}

	private void createInAnotherTab(TokenRequest request) {
		assertThat(IssuanceTestSupport
			.post(IssuanceTestSupport.signedIn(this.port, SandboxSeed.ALICE), request.getId(), "create")
			.status()).isEqualTo(200);
	}

	// the sticky policy preview may cover the radio button where a real click would land
	private static void intoVariable(Browser browser) {
		((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('delivery-variable').click();");
		assertThat(browser.find(By.id("variable-fields")).isDisplayed()).isTrue();
	}

	private void signIn(String username) {
		browser.open(portal("/login"));
		new LoginPage(browser).signInWithGitLab().signInAs(username);
	}

	private String portal(String path) {
		return "http://localhost:" + this.port + path;
	}

	private static Page page(String name, String path) {
		return new Page(name, path, (b) -> {
		});
	}

	private static Page page(String name, String path, Consumer<Browser> prepare) {
		return new Page(name, path, prepare);
	}

	private record Page(String name, String path, Consumer<Browser> prepare) {
	}

}
