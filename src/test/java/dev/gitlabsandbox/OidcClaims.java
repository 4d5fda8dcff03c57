package dev.gitlabsandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The claims GitLab puts in ID tokens and userinfo (gitlab-api.md §7.3). {@code groups}
 * holds direct groups and their descendants; {@code groups_direct} and the role claims
 * hold direct memberships only.
 *
 * @author Token Portal team
 */
final class OidcClaims {

	/** ID tokens live 120 s by default (§7.3). */
	static final long ID_TOKEN_SECONDS = 120;

	private static final String ROLE_CLAIM = "https://gitlab.org/claims/groups/";

	private final SandboxState state;

	private final Entities entities;

	private final String issuer;

	OidcClaims(SandboxState state, Entities entities, String issuer) {
		this.state = state;
		this.entities = entities;
		this.issuer = issuer;
	}

	Map<String, Object> idToken(SandboxUser user, List<String> scopes, String clientId, @Nullable String nonce,
			Instant authTime, Instant now) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", this.issuer);
		claims.put("sub", String.valueOf(user.id()));
		claims.put("aud", clientId);
		claims.put("exp", now.getEpochSecond() + ID_TOKEN_SECONDS);
		claims.put("iat", now.getEpochSecond());
		if (nonce != null) {
			claims.put("nonce", nonce);
		}
		claims.put("auth_time", authTime.getEpochSecond());
		claims.putAll(profile(user, scopes));
		claims.put("groups_direct", directGroups(user));
		return claims;
	}

	Map<String, Object> userInfo(SandboxUser user, List<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", String.valueOf(user.id()));
		claims.putAll(profile(user, scopes));
		claims.put("groups", groupsWithDescendants(user));
		putRoleClaim(claims, "owner", user, AccessLevels.OWNER);
		putRoleClaim(claims, "maintainer", user, AccessLevels.MAINTAINER);
		putRoleClaim(claims, "developer", user, AccessLevels.DEVELOPER);
		return claims;
	}

	private Map<String, Object> profile(SandboxUser user, List<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub_legacy", Secrets.sha256(user.id() + "-sandbox-secret-key-base"));
		claims.put("name", user.name());
		claims.put("nickname", user.username());
		claims.put("preferred_username", user.username());
		// Seed users have no public email, so without the email scope there is none
		// (§7.3).
		if (scopes.contains("email")) {
			claims.put("email", user.email());
			claims.put("email_verified", true);
		}
		claims.put("website", "");
		claims.put("profile", this.entities.userUrl(user));
		claims.put("picture", this.entities.avatarUrl(user));
		return claims;
	}

	private List<String> directGroups(SandboxUser user) {
		return this.state.memberships()
			.stream()
			.filter((member) -> member.userId() == user.id() && !member.source().isProject())
			.map((member) -> this.state.group(member.source().id()).orElseThrow().fullPath())
			.sorted()
			.toList();
	}

	private List<String> groupsWithDescendants(SandboxUser user) {
		return this.state.groups()
			.stream()
			.filter((group) -> this.state.effectiveAccess(user.id(), SourceRef.group(group.id())) > 0)
			.map(SandboxGroup::fullPath)
			.sorted()
			.toList();
	}

	private void putRoleClaim(Map<String, Object> claims, String role, SandboxUser user, int level) {
		List<String> groups = this.state.memberships()
			.stream()
			.filter((member) -> member.userId() == user.id() && !member.source().isProject()
					&& member.accessLevel() == level)
			.map((member) -> this.state.group(member.source().id()).orElseThrow().fullPath())
			.sorted()
			.toList();
		if (!groups.isEmpty()) {
			claims.put(ROLE_CLAIM + role, groups);
		}
	}

}
