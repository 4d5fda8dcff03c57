package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A CI/CD variable as GitLab describes it. GitLab echoes the value of a variable that is
 * not hidden; the portal never reads it, so this record has no value at all.
 *
 * @param key the key
 * @param variableType {@code env_var} or {@code file}
 * @param protectedOnly whether only protected branches and tags see it
 * @param masked whether job logs mask it
 * @param hidden whether it is hidden (17.4+; {@code null} before, when GitLab has no such
 * attribute)
 * @param environmentScope the environment scope
 * @param description the description, if any
 * @author Token Portal team
 */
public record GitLabVariable(String key, @JsonProperty("variable_type") @Nullable String variableType,
		@JsonProperty("protected") boolean protectedOnly, boolean masked, @Nullable Boolean hidden,
		@JsonProperty("environment_scope") String environmentScope, @Nullable String description) {

	/**
	 * Whether GitLab will never show its value again.
	 * @return {@code true} when hidden
	 */
	public boolean isHidden() {
		return Boolean.TRUE.equals(this.hidden);
	}

}
