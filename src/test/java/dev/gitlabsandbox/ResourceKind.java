package dev.gitlabsandbox;

import java.util.List;
import java.util.Map;

/**
 * The fixture of gitlab-api.md §10 for the project case and the group case, mapped onto
 * the seed. Bob is privileged on both resources (Owner through {@code platform}); the
 * non-privileged caller is a project Developer or a group Maintainer.
 *
 * @author Token Portal team
 */
enum ResourceKind {

	PROJECT("projects", "project", SandboxSeed.API_ID, SandboxSeed.BILLING_ID, SandboxSeed.MONOLITH_ID, 99999,
			SandboxSeed.ALICE_TOKEN, "Alice Developer", AccessLevels.MAINTAINER),

	// A project id is not a group id, so it names a group that does not exist (§10).
	GROUP("groups", "group", SandboxSeed.PLATFORM_FRONTEND_ID, SandboxSeed.PLATFORM_BACKEND_ID, SandboxSeed.SECURITY_ID,
			SandboxSeed.API_ID, SandboxSeed.ERIN_TOKEN, "Erin Admin", AccessLevels.OWNER);

	static final String PRIVILEGED_TOKEN = SandboxSeed.BOB_TOKEN;

	final String segment;

	final String label;

	final long id;

	final long otherId;

	final long invisibleId;

	final long unknownId;

	final String nonPrivilegedToken;

	final String nonPrivilegedName;

	/**
	 * The level of a bot that may list its siblings: Maintainer (project), Owner (group).
	 */
	final int botLevel;

	ResourceKind(String segment, String label, long id, long otherId, long invisibleId, long unknownId,
			String nonPrivilegedToken, String nonPrivilegedName, int botLevel) {
		this.segment = segment;
		this.label = label;
		this.id = id;
		this.otherId = otherId;
		this.invisibleId = invisibleId;
		this.unknownId = unknownId;
		this.nonPrivilegedToken = nonPrivilegedToken;
		this.nonPrivilegedName = nonPrivilegedName;
		this.botLevel = botLevel;
	}

	String tokens() {
		return tokens(this.id);
	}

	String tokens(long resourceId) {
		return "/api/v4/" + this.segment + "/" + resourceId + "/access_tokens";
	}

	SourceRef source() {
		return (this == PROJECT) ? SourceRef.project(this.id) : SourceRef.group(this.id);
	}

	/** "Project Not Found" or "Group Not Found". */
	String notFound() {
		return "404 " + Character.toUpperCase(this.label.charAt(0)) + this.label.substring(1) + " Not Found";
	}

	Map<String, Object> tokenRequest(String name) {
		return Map.of("name", name, "scopes", List.of("api"), "access_level", this.botLevel);
	}

}
