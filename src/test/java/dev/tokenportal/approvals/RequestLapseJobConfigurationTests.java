package dev.tokenportal.approvals;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lapse job runs with when jobs are on (tests switch them off): its schedule and
 * the default waiting times.
 *
 * @author Token Portal team
 */
class RequestLapseJobConfigurationTests {

	@Test
	void requestsLapseAfterSevenDaysUnlessConfiguredOtherwise() {
		ApprovalProperties defaults = bind(Map.of());
		assertThat(defaults.pendingLapseAfter()).isEqualTo(Duration.ofDays(7));
		assertThat(defaults.approvedLapseAfter()).isEqualTo(Duration.ofDays(7));

		ApprovalProperties custom = bind(
				Map.of("portal.approvals.pending-lapse-after", "3d", "portal.approvals.approved-lapse-after", "36h"));
		assertThat(custom.pendingLapseAfter()).isEqualTo(Duration.ofDays(3));
		assertThat(custom.approvedLapseAfter()).isEqualTo(Duration.ofHours(36));
	}

	@Test
	void theJobIsScheduledEveryFifteenMinutesWhenSchedulingIsOn() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(ScheduledJob.class)) {
			assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values())
				.flatExtracting(ScheduledTaskHolder::getScheduledTasks)
				.extracting(ScheduledTask::getTask)
				.singleElement()
				.isInstanceOfSatisfying(FixedDelayTask.class, (task) -> {
					assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofMinutes(15));
					assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofMinutes(1));
				});
		}
	}

	private static ApprovalProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("portal.approvals",
				ApprovalProperties.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledJob {

		@Bean
		RequestLapseJob requestLapseJob() {
			// never runs here: the context closes long before the first run
			return new RequestLapseJob(null, null, null, bind(Map.of()), Clock.systemUTC());
		}

	}

}
