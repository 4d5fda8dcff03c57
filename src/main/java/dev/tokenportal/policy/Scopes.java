package dev.tokenportal.policy;

import java.util.List;
import java.util.Set;

/**
 * The scopes GitLab accepts for project and group access tokens (gitlab-api.md §5.1),
 * each explained in one line on the request form from the bundles.
 *
 * @author Token Portal team
 */
public final class Scopes {

	/**
	 * Every scope valid for a resource token, in the order the form shows them; each is
	 * explained by {@code policy.scope.<name>} in the bundles.
	 */
	public static final List<String> ALL = List.of("read_api", "read_repository", "read_registry", "write_repository",
			"write_registry", "api", "create_runner", "manage_runner", "k8s_proxy", "self_rotate",
			"read_virtual_registry", "write_virtual_registry", "read_observability", "write_observability",
			"ai_features");

	/** Scopes that only read. */
	public static final Set<String> READ_ONLY = Set.of("read_api", "read_repository", "read_registry",
			"read_virtual_registry", "read_observability");

	private Scopes() {
	}

	/**
	 * Whether GitLab knows the scope for project and group tokens.
	 * @param scope the scope
	 * @return {@code true} if valid
	 */
	public static boolean isKnown(String scope) {
		return ALL.contains(scope);
	}

}
