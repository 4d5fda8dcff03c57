package dev.tokenportal;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;

import dev.tokenportal.approvals.ApprovalPages;
import dev.tokenportal.approvals.ApprovalService;
import dev.tokenportal.approvals.AwaitingDecisions;
import dev.tokenportal.notifications.NotificationReach;
import dev.tokenportal.audit.AuditLogService;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.inventory.AuditorInventoryService;
import dev.tokenportal.inventory.InventoryService;
import dev.tokenportal.issuance.IssuanceService;
import dev.tokenportal.issuance.RevocationService;
import dev.tokenportal.issuance.RotationService;
import dev.tokenportal.memberships.MembershipService;
import dev.tokenportal.policy.PolicyAdministration;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.requests.RequestsWebSlice;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestViews;
import dev.tokenportal.security.ImportSecurity;
import dev.tokenportal.web.HomeWebSlice;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.filter.TypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's controllers in a {@code @WebMvcTest} slice: Spring MVC, the controller
 * advice, Thymeleaf and the real security rules ({@link ImportSecurity}), with the
 * services behind the controllers replaced by Mockito mocks (autowire them to stub and
 * verify). Form checks that live beside the controllers run for real
 * ({@code NewTokenRequestForms}, {@link PolicyAdministration}), so a slice sees the same
 * field errors a user does. Every slice test class uses this one configuration, so the
 * whole layer boots once per test run, in a few seconds and without a database or GitLab.
 * <p>
 * Only the controllers named in {@link KnownControllers} are in the slice: a new
 * controller joins by being added there together with mocks for what it needs.
 *
 * @author Token Portal team
 * @see PortalIntegrationTest
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM,
		classes = PortalWebMvcTest.KnownControllers.class))
@ImportSecurity
@Import({ RequestsWebSlice.class, HomeWebSlice.class, PolicyAdministration.class,
		PortalWebMvcTest.SynchronousStreaming.class })
@MockitoBean(types = { TokenRequestService.class, TokenRequestViews.class, PolicyService.class, AuditTrail.class,
		MembershipService.class, AuditLogService.class, AuditorInventoryService.class, InventoryService.class,
		IssuanceService.class, RevocationService.class, RotationService.class, AwaitingDecisions.class })
// the request page renders the approvals fragment, which asks this bean by name
@MockitoBean(name = "approvalService", types = ApprovalService.class)
// and what it shows an Owner of the requester, from this one (the reject page too)
@MockitoBean(name = "approvalPages", types = ApprovalPages.class)
// and the Owners nobody can reach by e-mail, from this one
@MockitoBean(name = "notificationReach", types = NotificationReach.class)
public @interface PortalWebMvcTest {

	/**
	 * Streamed answers (the audit exports) run on the request's own thread here: a mock
	 * response is not thread-safe, and the security headers written as a stream commits
	 * raced those written as the request returns (a ConcurrentModificationException now
	 * and then).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	final class SynchronousStreaming implements WebMvcConfigurer {

		@Override
		public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
			configurer.setTaskExecutor(new TaskExecutorAdapter(new SyncTaskExecutor()));
		}

	}

	/**
	 * Leaves every controller but the known ones out of the slice.
	 */
	final class KnownControllers implements TypeFilter {

		private static final Set<String> KNOWN = Set.of("dev.tokenportal.requests.TokenRequestController",
				"dev.tokenportal.requests.PolicyPreviewController", "dev.tokenportal.approvals.ApprovalController",
				"dev.tokenportal.issuance.IssuanceController", "dev.tokenportal.policy.PolicyAdminController",
				"dev.tokenportal.audit.AuditLogController", "dev.tokenportal.inventory.InventoryController",
				"dev.tokenportal.inventory.AuditorInventoryController", "dev.tokenportal.web.HomeController",
				"dev.tokenportal.web.LoginController");

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			AnnotationMetadata metadata = reader.getAnnotationMetadata();
			boolean controller = metadata.hasAnnotation(Controller.class.getName())
					|| metadata.hasMetaAnnotation(Controller.class.getName());
			return controller && !KNOWN.contains(metadata.getClassName());
		}

	}

}
