package dev.tokenportal.api;

import java.util.Collection;
import java.util.Set;

import dev.tokenportal.security.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller the API let in: the GitLab user its token acts as, with their portal roles and
 * the token's scopes as authorities. It holds no credential.
 *
 * @author Token Portal team
 */
final class ApiCallerAuthentication extends AbstractAuthenticationToken {

	private final CurrentUser user;

	private final Set<String> scopes;

	ApiCallerAuthentication(CurrentUser user, Set<String> scopes, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.user = user;
		this.scopes = Set.copyOf(scopes);
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public CurrentUser getPrincipal() {
		return this.user;
	}

	@Override
	public String getName() {
		// as the web login's principal: GitLab's user id
		return Long.toString(this.user.gitlabUserId());
	}

	Set<String> scopes() {
		return this.scopes;
	}

}
