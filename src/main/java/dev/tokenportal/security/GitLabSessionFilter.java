package dev.tokenportal.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes a session follow GitLab. At most once per interval (counted from sign-in), and at
 * once after GitLab refused the user's own token, the user is asked of GitLab again with
 * the service account: a user GitLab blocked or deleted loses the session at this
 * request, and roles that come from GitLab groups (auditor) are brought up to date in the
 * session. When GitLab cannot be asked the session stands, but group roles lapse once
 * they have gone unconfirmed for
 * {@link PortalSecurityProperties#MAX_USER_RECHECK_INTERVAL}.
 *
 * @author Token Portal team
 */
class GitLabSessionFilter extends OncePerRequestFilter {

	/** When GitLab was last asked (or, until then, sign-in). */
	static final String CHECKED_AT = GitLabSessionFilter.class.getName() + ".CHECKED_AT";

	/** When GitLab last answered. */
	static final String CONFIRMED_AT = GitLabSessionFilter.class.getName() + ".CONFIRMED_AT";

	/** GitLab's status when it refused the user's own token during an earlier request. */
	static final String TOKEN_REJECTED = GitLabSessionFilter.class.getName() + ".TOKEN_REJECTED";

	private static final Logger logger = LoggerFactory.getLogger(GitLabSessionFilter.class);

	private final GitLabStanding standing;

	private final Duration interval;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	GitLabSessionFilter(GitLabStanding standing, Duration interval, Clock clock, ApplicationEventPublisher events) {
		this.standing = standing;
		this.interval = interval;
		this.clock = clock;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (session == null || !(authentication instanceof OAuth2AuthenticationToken token)
				|| !(token.getPrincipal() instanceof OidcUser user)) {
			chain.doFilter(request, response);
			return;
		}
		Object rejected = session.getAttribute(TOKEN_REJECTED);
		Instant now = this.clock.instant();
		if (rejected == null && !due(session, user, now)) {
			chain.doFilter(request, response);
			return;
		}
		CurrentUser current = CurrentUser.of(user);
		if (Integer.valueOf(401).equals(rejected)) {
			// GitLab no longer takes the user's own token and it could not be renewed
			end(request, response, current, "GitLab no longer accepts the user's GitLab sign-in");
			return;
		}
		session.removeAttribute(TOKEN_REJECTED);
		session.setAttribute(CHECKED_AT, now);
		GitLabStanding.Answer answer;
		try {
			answer = this.standing.of(current.gitlabUserId(), current.username());
		}
		catch (GitLabException ex) {
			logger.warn("Could not ask GitLab about {}; the session stands: {}", current.username(), ex.getMessage());
			Instant confirmed = instant(session.getAttribute(CONFIRMED_AT), user.getIssuedAt());
			if (confirmed == null
					|| !now.isBefore(confirmed.plus(PortalSecurityProperties.MAX_USER_RECHECK_INTERVAL))) {
				updateRoles(request, response, token, user, this.standing.withoutGitLab(current.username()));
			}
			chain.doFilter(request, response);
			return;
		}
		if (!answer.active()) {
			end(request, response, current, String.valueOf(answer.endedBecause()));
			return;
		}
		session.setAttribute(CONFIRMED_AT, now);
		updateRoles(request, response, token, user, answer.roles());
		chain.doFilter(request, response);
	}

	private boolean due(HttpSession session, OidcUser user, Instant now) {
		Instant last = instant(session.getAttribute(CHECKED_AT), user.getIssuedAt());
		return last == null || !now.isBefore(last.plus(this.interval));
	}

	private void end(HttpServletRequest request, HttpServletResponse response, CurrentUser user, String reason)
			throws IOException {
		this.events.publishEvent(new SessionEnded(user.gitlabUserId(), user.username(), reason));
		HttpSession session = request.getSession(false);
		if (session != null) {
			try {
				session.invalidate();
			}
			catch (IllegalStateException alreadyInvalidated) {
				// nothing left to end
			}
		}
		SecurityContextHolder.clearContext();
		response.sendRedirect(request.getContextPath() + "/login?ended");
	}

	private void updateRoles(HttpServletRequest request, HttpServletResponse response, OAuth2AuthenticationToken token,
			OidcUser user, Set<PortalRole> roles) {
		Set<PortalRole> before = PortalRoles.rolesIn(user.getAuthorities());
		if (before.equals(roles)) {
			return;
		}
		Set<GrantedAuthority> authorities = PortalRoles.withRoles(user.getAuthorities(), roles);
		OidcUser updated = new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
				IdTokenClaimNames.SUB);
		OAuth2AuthenticationToken replaced = new OAuth2AuthenticationToken(updated, authorities,
				token.getAuthorizedClientRegistrationId());
		replaced.setDetails(token.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(replaced);
		SecurityContextHolder.setContext(context);
		// this request is decided with the new roles, and so are the next ones
		this.contexts.saveContext(context, request, response);
		CurrentUser current = CurrentUser.of(updated);
		this.events.publishEvent(new RolesChanged(current.gitlabUserId(), current.username(), before, roles));
	}

	private static @Nullable Instant instant(@Nullable Object stored, @Nullable Instant fallback) {
		return (stored instanceof Instant at) ? at : fallback;
	}

}
