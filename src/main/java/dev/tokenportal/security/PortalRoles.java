package dev.tokenportal.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;

/**
 * Which portal roles a GitLab user holds, from configuration (auditor and admin
 * usernames) and from their membership of the auditor groups; the same rule at sign-in
 * and at every re-check.
 *
 * @author Token Portal team
 */
final class PortalRoles {

	private static final String ROLE_PREFIX = "ROLE_";

	private final PortalSecurityProperties properties;

	PortalRoles(PortalSecurityProperties properties) {
		this.properties = properties;
	}

	/**
	 * The roles of a user.
	 * @param username the GitLab username
	 * @param inAuditorGroup whether GitLab says they belong to one of the auditor groups
	 * @return the roles, {@link PortalRole#USER} always
	 */
	Set<PortalRole> of(String username, boolean inAuditorGroup) {
		Set<PortalRole> roles = EnumSet.of(PortalRole.USER);
		if (inAuditorGroup || this.properties.auditorUsernames().contains(username)) {
			roles.add(PortalRole.AUDITOR);
		}
		if (this.properties.adminUsernames().contains(username)) {
			roles.add(PortalRole.ADMIN);
		}
		return roles;
	}

	/**
	 * Whether any of a user's groups is an auditor group.
	 * @param groups full paths of the user's groups
	 * @return {@code true} if one is
	 */
	boolean anyAuditorGroup(Collection<String> groups) {
		return groups.stream().anyMatch(this.properties.auditorGroups()::contains);
	}

	Collection<String> auditorGroups() {
		return this.properties.auditorGroups();
	}

	/**
	 * Authorities with the portal roles replaced: what sign-in granted besides roles
	 * (OIDC, scopes) stays.
	 * @param granted the authorities so far
	 * @param roles the roles now
	 * @return the new authorities
	 */
	static Set<GrantedAuthority> withRoles(Collection<? extends GrantedAuthority> granted, Set<PortalRole> roles) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		granted.stream()
			.filter((authority) -> !String.valueOf(authority.getAuthority()).startsWith(ROLE_PREFIX))
			.forEach(authorities::add);
		roles.forEach((role) -> authorities.add(role.authority()));
		return authorities;
	}

	/**
	 * The portal roles among authorities.
	 * @param granted the authorities
	 * @return the roles
	 */
	static Set<PortalRole> rolesIn(Collection<? extends GrantedAuthority> granted) {
		Set<PortalRole> roles = EnumSet.noneOf(PortalRole.class);
		for (PortalRole role : PortalRole.values()) {
			if (granted.stream()
				.anyMatch((authority) -> role.authority().getAuthority().equals(authority.getAuthority()))) {
				roles.add(role);
			}
		}
		return roles;
	}

}
