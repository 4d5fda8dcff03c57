package dev.tokenportal.gitlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading GitLab's {@code /version}: the one place that decides, for example, whether
 * GitLab hides CI/CD variables (17.4+, gitlab-api.md §12.5).
 *
 * @author Token Portal team
 */
class GitLabVersionTests {

	@Test
	void gitLabHidesVariablesFrom174On() {
		assertThat(hides("17.4.0")).isTrue();
		assertThat(hides("17.4.0-ee")).isTrue();
		assertThat(hides("17.10.1")).isTrue();
		assertThat(hides("18.0.0-pre")).isTrue();
		assertThat(hides("17.3.6")).isFalse();
		assertThat(hides("16.11.0")).isFalse();
		assertThat(hides("9.5.0")).isFalse();
		assertThat(hides("unknown")).as("unreadable: not hidden").isFalse();
	}

	private static boolean hides(String version) {
		return new GitLabVersion(version, "abc123").atLeast(17, 4);
	}

}
