package dev.tokenportal.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of GitLab's warnings a report is, read from the days left when it arrived, since
 * its payload does not say: each threshold is its own notification.
 *
 * @author Token Portal team
 */
class ForeignTokenExpiringTests {

	private static final Instant ARRIVED = Instant.parse("2026-03-01T01:00:05Z");

	@Test
	void theDaysLeftTellTheWarning() {
		assertThat(warning(60)).isEqualTo(60);
		assertThat(warning(45)).isEqualTo(60);
		assertThat(warning(30)).isEqualTo(30);
		assertThat(warning(8)).isEqualTo(30);
		assertThat(warning(7)).isEqualTo(7);
		assertThat(warning(3)).isEqualTo(7);
		assertThat(warning(1)).isEqualTo(1);
		assertThat(warning(0)).isEqualTo(1);
		assertThat(warning(90)).as("never more than GitLab's earliest").isEqualTo(60);
	}

	@Test
	void eachWarningHasItsOwnKeyAndARepeatOfOneTheSame() {
		LocalDate expires = LocalDate.of(2026, 3, 7);
		String sevenDays = Notifier.eventKey(expiring(expires, ARRIVED));
		assertThat(Notifier.eventKey(expiring(expires, ARRIVED.minus(Duration.ofDays(24))))).isNotEqualTo(sevenDays);
		assertThat(Notifier.eventKey(expiring(expires, ARRIVED.plus(Duration.ofDays(1))))).isEqualTo(sevenDays);
	}

	private static int warning(int daysLeft) {
		return expiring(LocalDate.of(2026, 3, 1).plusDays(daysLeft), ARRIVED).warningDays();
	}

	private static ForeignTokenExpiring expiring(LocalDate expiresAt, Instant at) {
		return new ForeignTokenExpiring(new GitLabTarget(GitLabResource.PROJECT, 40, "platform/backend/service-20"), 7,
				"by-hand", expiresAt, at);
	}

}
