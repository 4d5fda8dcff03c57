package dev.tokenportal;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled jobs as production runs them: scheduling and ShedLock on (the shared test
 * context switches both off and calls the jobs by hand). Every {@code @Scheduled} method
 * is invoked the way the scheduler invokes it, through the locking proxy, and must run
 * and take its lock in the database; ShedLock refuses methods it cannot answer for when
 * the lock is held elsewhere (a primitive return value), which made jobs fail on every
 * run.
 *
 * @author Token Portal team
 */
@SpringBootTest(properties = "portal.jobs.enabled=true")
@Import({ TestcontainersConfiguration.class, GitLabSandboxConfiguration.class })
class ScheduledJobsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyScheduledJobRunsThroughItsLockAndTakesIt() throws Exception {
		List<String> jobs = new ArrayList<>();
		for (String name : this.context.getBeanDefinitionNames()) {
			Object bean = this.context.getBean(name);
			for (Method method : AopUtils.getTargetClass(bean).getDeclaredMethods()) {
				if (AnnotatedElementUtils.hasAnnotation(method, Scheduled.class)) {
					Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
					ReflectionUtils.makeAccessible(invocable);
					invocable.invoke(bean);
					jobs.add(name + "." + method.getName());
				}
			}
		}
		assertThat(jobs).as("the jobs found").hasSizeGreaterThanOrEqualTo(6);
		assertThat(this.jdbc.queryForList("select name from shedlock", String.class)).containsExactlyInAnyOrder(
				"request-lapse", "rate-limit-cleanup", "audit-verification", "token-expiry", "issuance-reconciliation",
				"request-lapse-reminder", "token-expiry-reminders", "notification-retry", "notification-digest",
				"token-lifetime", "delivery-rotation", "audit-sequencer", "api-idempotency-sweep");
		assertThat(this.jdbc.queryForList("select distinct locked_by from shedlock", String.class))
			.as("which process took them, so two instances on one host can be told apart")
			.containsExactly(InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid());
	}

}
