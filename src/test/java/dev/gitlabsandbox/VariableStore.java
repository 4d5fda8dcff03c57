package dev.gitlabsandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Project and group CI/CD variables in id order. Callers hold the {@link SandboxState}
 * lock.
 *
 * @author Token Portal team
 */
final class VariableStore {

	private final Map<Long, SandboxVariable> variables = new TreeMap<>();

	private long nextId = 1;

	SandboxVariable add(SandboxVariable unnumbered) {
		SandboxVariable variable = unnumbered.withId(this.nextId++);
		this.variables.put(variable.id(), variable);
		return variable;
	}

	void put(SandboxVariable variable) {
		this.variables.put(variable.id(), variable);
	}

	void remove(long id) {
		this.variables.remove(id);
	}

	List<SandboxVariable> all() {
		return List.copyOf(this.variables.values());
	}

	List<SandboxVariable> of(SourceRef source) {
		return this.variables.values().stream().filter((variable) -> variable.source().equals(source)).toList();
	}

	List<SandboxVariable> withKey(SourceRef source, String key) {
		return of(source).stream().filter((variable) -> variable.key().equals(key)).toList();
	}

	Optional<SandboxVariable> find(SourceRef source, String key, String environmentScope) {
		return withKey(source, key).stream()
			.filter((variable) -> variable.environmentScope().equals(environmentScope))
			.findFirst();
	}

	void clear() {
		this.variables.clear();
		this.nextId = 1;
	}

}
