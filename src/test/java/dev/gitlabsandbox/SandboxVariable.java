package dev.gitlabsandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A project or group CI/CD variable (gitlab-api.md §12). Its value is a secret: it never
 * appears in {@link #toString()}, the call log or the sandbox's variables page.
 *
 * @param id the variable id (GitLab does not expose it; the list is in id order)
 * @param source the project or group it belongs to
 * @param key the key, for example {@code PORTAL_TOKEN}
 * @param value the value in clear, for assertions
 * @param variableType {@code env_var} or {@code file}
 * @param isProtected whether only protected branches and tags see it
 * @param masked whether job logs mask it
 * @param hidden whether it was created masked and hidden (17.4+): the API never shows its
 * value again
 * @param raw whether {@code $VAR} references in it stay unexpanded
 * @param environmentScope the environment scope, {@code *} by default
 * @param description the description, if any
 * @param updatedAt when it was created or last changed, for {@code If-Unmodified-Since}
 * @author Token Portal team
 */
public record SandboxVariable(long id, SourceRef source, String key, String value, String variableType,
		boolean isProtected, boolean masked, boolean hidden, boolean raw, String environmentScope,
		@Nullable String description, Instant updatedAt) {

	/**
	 * What the value looks like without showing it.
	 * @return for example {@code set, 26 characters}
	 */
	public String valueSummary() {
		int length = this.value.codePointCount(0, this.value.length());
		return (length == 0) ? "empty" : "set, " + length + ((length == 1) ? " character" : " characters");
	}

	SandboxVariable withId(long newId) {
		return new SandboxVariable(newId, this.source, this.key, this.value, this.variableType, this.isProtected,
				this.masked, this.hidden, this.raw, this.environmentScope, this.description, this.updatedAt);
	}

	@Override
	public String toString() {
		return "SandboxVariable[id=" + this.id + ", source=" + this.source + ", key=" + this.key + ", value=<"
				+ valueSummary() + ">, variableType=" + this.variableType + ", environmentScope="
				+ this.environmentScope + ", protected=" + this.isProtected + ", masked=" + this.masked + ", hidden="
				+ this.hidden + ", raw=" + this.raw + "]";
	}

}
