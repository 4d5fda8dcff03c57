package dev.tokenportal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import dev.gitlabsandbox.SandboxSeed;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * Signed-in users for web slices, shaped like a GitLab sign-in: GitLab's user id as
 * {@code sub}, the username as {@code preferred_username}, and the portal roles. The
 * names and ids are the sandbox's, so slices and full-stack tests speak of the same
 * people.
 *
 * @author Token Portal team
 */
public final class SignedIn {

	private SignedIn() {
	}

	/**
	 * Alice, a developer: no portal role beyond {@link PortalRole#USER}.
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor alice() {
		return as(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer", PortalRole.USER);
	}

	/**
	 * Carol, an Owner of platform/backend (Owners are no portal role: GitLab says who
	 * they are, request by request).
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor carol() {
		return as(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", PortalRole.USER);
	}

	/**
	 * Dave, a security auditor.
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor dave() {
		return as(SandboxSeed.DAVE_ID, SandboxSeed.DAVE, "Dave Auditor", PortalRole.USER, PortalRole.AUDITOR);
	}

	/**
	 * Erin, a portal admin.
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor erin() {
		return as(SandboxSeed.ERIN_ID, SandboxSeed.ERIN, "Erin Admin", PortalRole.USER, PortalRole.ADMIN);
	}

	/**
	 * Anyone.
	 * @param gitlabUserId GitLab's user id
	 * @param username the GitLab username
	 * @param name the display name
	 * @param roles the portal roles
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor as(long gitlabUserId, String username, String name,
			PortalRole... roles) {
		return oidcLogin().idToken((token) -> token.subject(Long.toString(gitlabUserId))
			// signed in just now: the session is not due to be checked with GitLab
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plus(Duration.ofHours(1)))
			.claim("preferred_username", username)
			.claim("nickname", username)
			.claim("name", name))
			.authorities(Arrays.stream(roles).map(PortalRole::authority).toArray(GrantedAuthority[]::new));
	}

}
