package dev.tokenportal.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Roles the portal grants at login. Approvers are not a role: whether someone may approve
 * is asked of GitLab, live, for each request's target.
 *
 * @author Token Portal team
 */
public enum PortalRole {

	/** Anyone who signed in with GitLab. */
	USER,

	/** Security team: reads everything, audits, revokes in an emergency. */
	AUDITOR,

	/** Edits approval policies. */
	ADMIN;

	/**
	 * The authority Spring Security checks with {@code hasRole}.
	 * @return {@code ROLE_<name>}
	 */
	public GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

}
