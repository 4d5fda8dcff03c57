package dev.tokenportal;

import org.testcontainers.DockerClientFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether tests can use Docker. {@code -Dportal.test.db=embedded|docker} (or
 * {@code PORTAL_TEST_DB}) forces a branch; otherwise Testcontainers is asked once per
 * JVM.
 *
 * @author Token Portal team
 */
public final class DockerAvailability {

	private static volatile Boolean available;

	private DockerAvailability() {
	}

	public static boolean isAvailable() {
		Boolean known = available;
		if (known == null) {
			known = detect();
			available = known;
		}
		return known;
	}

	private static boolean detect() {
		String forced = System.getProperty("portal.test.db", System.getenv().getOrDefault("PORTAL_TEST_DB", ""));
		if ("embedded".equalsIgnoreCase(forced)) {
			return false;
		}
		if ("docker".equalsIgnoreCase(forced)) {
			return true;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Matches when Docker is available.
	 */
	public static class OnDocker implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return isAvailable();
		}

	}

	/**
	 * Matches when Docker is not available.
	 */
	public static class OnNoDocker implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isAvailable();
		}

	}

}
