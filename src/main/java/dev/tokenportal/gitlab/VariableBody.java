package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What the portal sends to create or update a CI/CD variable. Fields left {@code null}
 * are not sent: an update never sends {@code masked} (GitLab refuses any change of it on
 * a hidden variable, gitlab-api.md §12.5) nor {@code masked_and_hidden} (create only).
 * {@link #toString()} never prints the value.
 *
 * @author Token Portal team
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VariableBody(@Nullable String key, String value, @JsonProperty("variable_type") @Nullable String variableType,
		@JsonProperty("protected") boolean protectedOnly, @Nullable Boolean masked,
		@JsonProperty("masked_and_hidden") @Nullable Boolean maskedAndHidden, @Nullable Boolean raw,
		@JsonProperty("environment_scope") @Nullable String environmentScope, @Nullable String description) {

	static VariableBody create(VariableSpec spec, String value, boolean hidden) {
		return new VariableBody(spec.key(), value, "env_var", spec.protectedOnly(), hidden ? null : Boolean.TRUE,
				hidden ? Boolean.TRUE : null, Boolean.FALSE, spec.environmentScope(), spec.description());
	}

	static VariableBody update(VariableSpec spec, String value) {
		return new VariableBody(null, value, null, spec.protectedOnly(), null, null, null, null, spec.description());
	}

	@Override
	public String toString() {
		return "VariableBody[key=" + this.key + ", value=******, environmentScope=" + this.environmentScope + "]";
	}

}
