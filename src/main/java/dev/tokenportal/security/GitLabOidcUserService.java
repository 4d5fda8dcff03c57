package dev.tokenportal.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Loads the GitLab user at sign-in, grants portal roles from configuration (auditor
 * groups and usernames, admin usernames) and records the sign-in. Identity is GitLab's
 * {@code sub}; the e-mail address plays no part. The principal keeps the ID token's
 * claims and only an encrypted copy of the token itself. Roles are asked of GitLab again
 * during the session ({@link GitLabSessionFilter}).
 *
 * @author Token Portal team
 */
class GitLabOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final PortalRoles roles;

	private final PortalUserService users;

	private final IdTokenSealer sealer;

	GitLabOidcUserService(PortalRoles roles, PortalUserService users, IdTokenSealer sealer) {
		this.roles = roles;
		this.users = users;
		this.sealer = sealer;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser gitlabUser = this.delegate.loadUser(request);
		String username = gitlabUser.getClaimAsString("nickname");
		long id = gitLabUserId(gitlabUser);
		if (username == null || username.isBlank()) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error("invalid_user_info", "GitLab did not say who you are (no username)", null));
		}
		// the address is for notifications only (gitlab-api.md §14.2); identity stays the
		// sub
		this.users.recordLogin(id, username, (gitlabUser.getFullName() != null) ? gitlabUser.getFullName() : username,
				gitlabUser.getEmail());
		List<String> groups = gitlabUser.getClaimAsStringList("groups");
		boolean inAuditorGroup = groups != null && this.roles.anyAuditorGroup(groups);
		OidcIdToken sealed = this.sealer.seal(gitlabUser.getIdToken());
		return new DefaultOidcUser(
				PortalRoles.withRoles(sealed(gitlabUser.getAuthorities(), sealed),
						this.roles.of(username, inAuditorGroup)),
				sealed, gitlabUser.getUserInfo(), IdTokenClaimNames.SUB);
	}

	// the OIDC_USER authority carries the ID token too
	private static List<GrantedAuthority> sealed(Collection<? extends GrantedAuthority> authorities,
			OidcIdToken sealed) {
		return authorities.stream()
			.map((authority) -> (authority instanceof OidcUserAuthority oidc)
					? new OidcUserAuthority(oidc.getAuthority(), sealed, oidc.getUserInfo())
					: (GrantedAuthority) authority)
			.toList();
	}

	private static long gitLabUserId(OidcUser user) {
		try {
			return Long.parseLong(user.getSubject());
		}
		catch (NumberFormatException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_id_token",
					"GitLab's user id is not a number: " + user.getSubject(), null));
		}
	}

}
