package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a lifetime in hours maps to the policy's days and to GitLab's expiry date.
 *
 * @author Token Portal team
 */
class HourLifetimeTests {

	@Test
	void thePolicyJudgesTheDaysTheHoursSpanRoundedUp() {
		assertThat(HourLifetime.policyDays(1)).isEqualTo(1);
		assertThat(HourLifetime.policyDays(8)).isEqualTo(1);
		assertThat(HourLifetime.policyDays(24)).isEqualTo(1);
		assertThat(HourLifetime.policyDays(25)).isEqualTo(2);
		assertThat(HourLifetime.policyDays(72)).isEqualTo(3);
	}

	@Test
	void gitLabExpiresTheDayAfterTheEndSoNeverBeforeThePortalRevokes() {
		Instant lateEvening = Instant.parse("2030-03-10T23:30:00Z");
		assertThat(HourLifetime.end(lateEvening, 8)).isEqualTo(Instant.parse("2030-03-11T07:30:00Z"));
		assertThat(HourLifetime.gitlabExpiresOn(lateEvening, 8)).isEqualTo(LocalDate.parse("2030-03-12"));
		Instant morning = Instant.parse("2030-03-10T08:00:00Z");
		assertThat(HourLifetime.gitlabExpiresOn(morning, 8)).isEqualTo(LocalDate.parse("2030-03-11"));
		assertThat(HourLifetime.gitlabExpiresOn(morning, 16)).as("ends at midnight: GitLab a day later")
			.isEqualTo(LocalDate.parse("2030-03-12"));
	}

	@Test
	void oneToSeventyTwoHoursAreOffered() {
		assertThat(HourLifetime.allowed(0)).isFalse();
		assertThat(HourLifetime.allowed(1)).isTrue();
		assertThat(HourLifetime.allowed(72)).isTrue();
		assertThat(HourLifetime.allowed(73)).isFalse();
	}

}
