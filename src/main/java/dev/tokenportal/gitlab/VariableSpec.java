package dev.tokenportal.gitlab;

import org.jspecify.annotations.Nullable;

/**
 * A CI/CD variable the portal writes, without its value (which travels separately and is
 * never kept): always an environment variable, masked, not raw.
 *
 * @param key the key ({@code [A-Za-z0-9_]}, at most 255)
 * @param environmentScope the environment scope, {@code *} for all
 * @param protectedOnly whether only protected branches and tags see it
 * @param maskedAndHidden whether it should be masked and hidden where GitLab can (17.4+);
 * otherwise, or on older GitLab, it is masked
 * @param description what GitLab shows beside it, naming the portal's request, by which
 * the portal recognises its own variables
 * @author Token Portal team
 */
public record VariableSpec(String key, String environmentScope, boolean protectedOnly, boolean maskedAndHidden,
		@Nullable String description) {
}
