package dev.tokenportal.gitlab;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * What the portal does with CI/CD variables, with its service account: write a token into
 * one, update it, look at it, delete it. A create is never retried (a lost answer
 * surfaces as {@link GitLabOutcomeUnknownException}; the caller settles it with an
 * update, which is idempotent). Refusals come as {@link GitLabVariableRefusedException}
 * with their kind. The value is a parameter only: it is never logged, kept, or part of an
 * exception message.
 *
 * @author Token Portal team
 */
@Component
public class GitLabVariablesClient {

	private final GitLabVariablesApi variables;

	private final GitLabClient gitlab;

	private final GitLabCalls calls;

	GitLabVariablesClient(GitLabVariablesApi variables, GitLabClient gitlab, GitLabCalls calls) {
		this.variables = variables;
		this.gitlab = gitlab;
		this.calls = calls;
	}

	/**
	 * Whether this GitLab can hide a variable's value for good
	 * ({@code masked_and_hidden}, 17.4+), from GitLab's version as read within the last
	 * few minutes.
	 * @return {@code true} on 17.4 and later
	 */
	public boolean hidingAvailable() {
		return this.gitlab.knownVersion().atLeast(17, 4);
	}

	/**
	 * Creates a variable, masked, and also hidden when the spec asks for it and GitLab is
	 * 17.4 or later. Never retried.
	 * @param owner the project or group
	 * @param spec the variable
	 * @param value the value, sent and forgotten
	 * @return the variable as GitLab made it
	 * @throws GitLabVariableRefusedException when GitLab refused; nothing was written
	 * @throws GitLabOutcomeUnknownException when the answer was lost
	 * @throws GitLabUnavailableException when GitLab could not be reached; nothing was
	 * sent
	 */
	public GitLabVariable create(GitLabTarget owner, VariableSpec spec, String value) {
		boolean hidden = spec.maskedAndHidden() && hidingAvailable();
		return write("Writing CI/CD variable " + spec.key() + " of " + owner.fullPath(), () -> this.variables
			.create(owner.resource().collection(), owner.id(), VariableBody.create(spec, value, hidden)));
	}

	/**
	 * Replaces the value (and protection, description) of the variable with the spec's
	 * key in the spec's scope. Never sends {@code masked}: what the variable was created
	 * as stays. Idempotent, but not retried here: the caller decides.
	 * @param owner the project or group
	 * @param spec the variable
	 * @param value the new value, sent and forgotten
	 * @return the variable as GitLab now has it
	 * @throws GitLabVariableRefusedException when GitLab refused (404: no such variable
	 * in that scope)
	 * @throws GitLabOutcomeUnknownException when the answer was lost
	 */
	public GitLabVariable update(GitLabTarget owner, VariableSpec spec, String value) {
		return write("Updating CI/CD variable " + spec.key() + " of " + owner.fullPath(),
				() -> this.variables.update(owner.resource().collection(), owner.id(), spec.key(),
						spec.environmentScope(), VariableBody.update(spec, value)));
	}

	/**
	 * The variable with a key in a scope.
	 * @param owner the project or group
	 * @param key the key
	 * @param environmentScope the scope
	 * @return the variable (without its value), or empty when there is none
	 * @throws GitLabVariableRefusedException when GitLab refused the lookup (403)
	 */
	public Optional<GitLabVariable> get(GitLabTarget owner, String key, String environmentScope) {
		try {
			return Optional
				.of(refusedAsVariable(() -> this.calls.read("Reading CI/CD variable " + key + " of " + owner.fullPath(),
						() -> this.variables.get(owner.resource().collection(), owner.id(), key, environmentScope))));
		}
		catch (GitLabVariableRefusedException ex) {
			if (ex.refusal() == GitLabVariableRefusedException.Refusal.NOT_FOUND) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * Deletes the variable with a key in a scope; one GitLab no longer knows counts as
	 * deleted.
	 * @param owner the project or group
	 * @param key the key
	 * @param environmentScope the scope
	 * @return {@code true} if GitLab deleted it now, {@code false} if it was gone
	 * @throws GitLabVariableRefusedException when GitLab refused (403)
	 */
	public boolean delete(GitLabTarget owner, String key, String environmentScope) {
		try {
			refusedAsVariable(() -> this.calls.read("Deleting CI/CD variable " + key + " of " + owner.fullPath(),
					() -> this.variables.delete(owner.resource().collection(), owner.id(), key, environmentScope)));
			return true;
		}
		catch (GitLabVariableRefusedException ex) {
			if (ex.refusal() == GitLabVariableRefusedException.Refusal.NOT_FOUND) {
				return false;
			}
			throw ex;
		}
	}

	private <T> T write(String action, Supplier<T> call) {
		return refusedAsVariable(() -> this.calls.change(action, call));
	}

	private static <T> T refusedAsVariable(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (GitLabOutcomeUnknownException | GitLabUnavailableException ex) {
			throw ex;
		}
		catch (GitLabException ex) {
			throw GitLabVariableRefusedException.of(ex);
		}
	}

}
