package dev.tokenportal.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The scopes GitLab accepts for project and group access tokens (gitlab-api.md §5.1),
 * with a one-line explanation each for the request form.
 *
 * @author Token Portal team
 */
public final class Scopes {

	/** Every scope valid for a resource token, in the order the form shows them. */
	public static final Map<String, String> ALL;

	/** Scopes that only read. */
	public static final Set<String> READ_ONLY = Set.of("read_api", "read_repository", "read_registry",
			"read_virtual_registry", "read_observability");

	static {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("read_api", "Read-only access to the API, including the package registry");
		all.put("read_repository", "Clone and pull the repository over HTTP");
		all.put("read_registry", "Pull container images from the registry");
		all.put("write_repository", "Push to the repository over HTTP (not the API)");
		all.put("write_registry", "Push container images (needs read_registry too)");
		all.put("api", "Full read and write API access within the project or group");
		all.put("create_runner", "Create runners");
		all.put("manage_runner", "Manage runners");
		all.put("k8s_proxy", "Kubernetes API calls through the agent");
		all.put("self_rotate", "Rotate this token itself (GitLab 17.9+)");
		all.put("read_virtual_registry", "Read the dependency proxy / virtual registry");
		all.put("write_virtual_registry", "Write to the dependency proxy / virtual registry");
		all.put("read_observability", "Read observability data");
		all.put("write_observability", "Write observability data");
		all.put("ai_features", "GitLab Duo features");
		ALL = java.util.Collections.unmodifiableMap(all);
	}

	private Scopes() {
	}

	/**
	 * Whether GitLab knows the scope for project and group tokens.
	 * @param scope the scope
	 * @return {@code true} if valid
	 */
	public static boolean isKnown(String scope) {
		return ALL.containsKey(scope);
	}

}
