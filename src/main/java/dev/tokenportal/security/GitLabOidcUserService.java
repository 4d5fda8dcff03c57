package dev.tokenportal.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Loads the GitLab user at sign-in, grants portal roles from configuration (auditor
 * groups and usernames, admin usernames) and records the sign-in. Identity is GitLab's
 * {@code sub}; the e-mail address plays no part.
 *
 * @author Token Portal team
 */
class GitLabOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate = new OidcUserService();

	private final PortalSecurityProperties properties;

	private final PortalUserService users;

	GitLabOidcUserService(PortalSecurityProperties properties, PortalUserService users) {
		this.properties = properties;
		this.users = users;
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
		this.users.recordLogin(id, username, (gitlabUser.getFullName() != null) ? gitlabUser.getFullName() : username);
		return new DefaultOidcUser(
				roles(username, gitlabUser.getClaimAsStringList("groups"), gitlabUser.getAuthorities()),
				gitlabUser.getIdToken(), gitlabUser.getUserInfo(), IdTokenClaimNames.SUB);
	}

	private Set<GrantedAuthority> roles(String username, @Nullable List<String> groups,
			Collection<? extends GrantedAuthority> granted) {
		Set<GrantedAuthority> roles = new LinkedHashSet<>(granted);
		roles.add(PortalRole.USER.authority());
		List<String> memberOf = (groups != null) ? groups : List.of();
		if (this.properties.auditorUsernames().contains(username)
				|| memberOf.stream().anyMatch(this.properties.auditorGroups()::contains)) {
			roles.add(PortalRole.AUDITOR.authority());
		}
		if (this.properties.adminUsernames().contains(username)) {
			roles.add(PortalRole.ADMIN.authority());
		}
		return roles;
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
