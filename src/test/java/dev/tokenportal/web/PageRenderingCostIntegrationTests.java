package dev.tokenportal.web;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: a page's links are written as the template has them, without looking each one
 * up among the static resources (that lookup was a fifth of a page's CPU).
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class PageRenderingCostIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ServletContext servletContext;

	@Test
	void noFilterRewritesTheLinksOfAPage() {
		assertThat(this.servletContext.getFilterRegistrations().values())
			.noneMatch((filter) -> ResourceUrlEncodingFilter.class.getName().equals(filter.getClassName()));
	}

	@Test
	void aPageLinksItsStylesheetAndPagesAsWritten() {
		PortalHttp alice = new PortalHttp(this.port);
		alice.loginAs(SandboxSeed.ALICE);
		PortalHttp.Response home = alice.get("/");
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("href=\"/css/portal.css\"").contains("href=\"/tokens\"");
		assertThat(alice.get("/css/portal.css").status()).isEqualTo(200);
	}

}
