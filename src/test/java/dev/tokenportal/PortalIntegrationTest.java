package dev.tokenportal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tokenportal.notifications.NotificationTestConfiguration;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole portal on a random port, with a real PostgreSQL and the GitLab sandbox. Every
 * test class that uses it shares one Spring context (and so one database), which keeps
 * the suite fast; tests create their own data or reset the sandbox. Notifications go to
 * the JVM's SMTP server and chat webhook ({@link NotificationTestConfiguration}), so that
 * the notification tests share this context too. The per-user limits are raised here
 * because many classes act as the same demo users; the limits themselves are tested in a
 * context of their own. The portal's clock is a {@link MovableClock}, on the system's
 * time unless a test moves it (and moves it back).
 *
 * @author Token Portal team
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.limits.open-requests-per-user=1000", "portal.limits.tokens-per-user-per-hour=1000",
				"portal.limits.previews-per-user-per-minute=1000",
				"portal.limits.request-denials-per-user-per-hour=1000",
				// tests that make GitLab fail or throttle on purpose would leave the
				// breaker
				// open, or the rate budget learnt from a 429, for the tests after them;
				// GitLabCircuitBreakerTests, GitLabRateDisciplineTests and
				// GitLabDownIntegrationTests cover both
				"portal.gitlab.circuit-breaker.enabled=false", "portal.gitlab.rate-limit.enabled=false",
				// as production should be: the portal answers to its published name only
				"portal.web.allowed-hosts=localhost", NotificationTestConfiguration.MAIL_HOST })
@AutoConfigureMockMvc
@AutoConfigureTestRestTemplate
@Import({ TestcontainersConfiguration.class, GitLabSandboxConfiguration.class, MovableClockConfiguration.class,
		NotificationTestConfiguration.class })
public @interface PortalIntegrationTest {

}
