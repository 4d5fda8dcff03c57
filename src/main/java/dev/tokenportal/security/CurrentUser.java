package dev.tokenportal.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in user as the rest of the portal sees them.
 *
 * @param gitlabUserId GitLab's user id (the OIDC {@code sub})
 * @param username the GitLab username
 * @param name the display name
 * @param avatarUrl the avatar, if GitLab has one
 * @param roles the portal roles granted at sign-in
 * @author Token Portal team
 */
public record CurrentUser(long gitlabUserId, String username, String name, @Nullable String avatarUrl,
		Set<PortalRole> roles) {

	/**
	 * Reads the user from the principal that GitLab login produced.
	 * @param principal the OIDC principal
	 * @return the current user
	 */
	public static CurrentUser of(OidcUser principal) {
		String username = principal.getPreferredUsername();
		if (username == null) {
			username = principal.getClaimAsString("nickname");
		}
		Set<PortalRole> roles = principal.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring(5))
			.filter(CurrentUser::isPortalRole)
			.map(PortalRole::valueOf)
			.collect(Collectors.toUnmodifiableSet());
		return new CurrentUser(Long.parseLong(principal.getSubject()), (username != null) ? username : "",
				(principal.getFullName() != null) ? principal.getFullName() : String.valueOf(username),
				principal.getPicture(), roles);
	}

	/**
	 * Whether the user holds a role.
	 * @param role the role
	 * @return {@code true} if granted at sign-in
	 */
	public boolean has(PortalRole role) {
		return this.roles.contains(role);
	}

	private static boolean isPortalRole(String name) {
		for (PortalRole role : PortalRole.values()) {
			if (role.name().equals(name)) {
				return true;
			}
		}
		return false;
	}

}
